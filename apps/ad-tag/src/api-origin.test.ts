import { afterEach, describe, expect, it, vi } from 'vitest'
import { resetApiOrigin, resolveApiOrigin } from './api-origin.ts'

const TAG = 'https://tag.hexad.test/hexad-tag.js'

/** Makes appended <script> elements "load" at once, running `effect` as their content. */
function scriptsLoad(effect: () => void) {
  const appended: string[] = []
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes as HTMLScriptElement[]) {
      appended.push(node.src)
      effect()
      queueMicrotask(() => node.onload?.(new Event('load')))
    }
  })
  return appended
}

afterEach(() => {
  delete window.__HEXAD_CONFIG__
  resetApiOrigin()
  vi.restoreAllMocks()
})

describe('resolveApiOrigin', () => {
  it('takes the attribute first, then the page configuration', async () => {
    window.__HEXAD_CONFIG__ = { apiOrigin: 'https://ads.page.test' }
    expect(await resolveApiOrigin('https://ads.attr.test', TAG)).toBe('https://ads.attr.test')
    expect(await resolveApiOrigin(undefined, TAG)).toBe('https://ads.page.test')
  })

  it("loads /config.js from the tag's origin once, for every slot on the page", async () => {
    const loaded = scriptsLoad(() => {
      window.__HEXAD_CONFIG__ = { apiOrigin: 'https://ads.env.test' }
    })
    const origins = await Promise.all([
      resolveApiOrigin(undefined, TAG),
      resolveApiOrigin(undefined, TAG),
    ])
    expect(origins).toEqual(['https://ads.env.test', 'https://ads.env.test'])
    expect(loaded).toEqual(['https://tag.hexad.test/config.js'])
  })

  it("falls back to the tag's own origin when the configuration leaves it empty", async () => {
    scriptsLoad(() => {
      window.__HEXAD_CONFIG__ = { apiOrigin: '' }
    })
    expect(await resolveApiOrigin(undefined, TAG)).toBe('https://tag.hexad.test')
  })
})
