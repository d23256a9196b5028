import type { Ad } from '@hexad/contracts/ads'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetApiOrigin } from './api-origin.ts'
import { defineHexadAd } from './element.ts'
import { fakeIntersectionObserver } from './testing/fake-intersection-observer.ts'

const API = 'https://ads.hexad.test'
const ad = {
  requestId: 'r-1',
  creative: {
    id: 3,
    title: 'Shibuya coffee break',
    body: 'Two minutes from the crossing.',
    imageUrl: null,
    width: 300,
    height: 250,
  },
  impUrl: `${API}/v1/imp/token-1`,
  clickUrl: `${API}/v1/click/token-1`,
} satisfies Ad
const SHIBUYA = { latitude: 35.6595, longitude: 139.7005 }

let fetch: ReturnType<typeof vi.fn>
let getCurrentPosition: ReturnType<typeof vi.fn>
let consoleErrors: ReturnType<typeof vi.spyOn>

function answer(response: () => Response | Promise<Response>) {
  fetch = vi.fn(async () => response())
  vi.stubGlobal('fetch', fetch)
}

/** Browser geolocation with the given permission state; the position is always Shibuya. */
function geolocation(state: PermissionState) {
  getCurrentPosition = vi.fn((success: PositionCallback) =>
    success({ coords: SHIBUYA } as GeolocationPosition),
  )
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: { getCurrentPosition },
  })
  Object.defineProperty(navigator, 'permissions', {
    configurable: true,
    value: { query: vi.fn(async () => ({ state })) },
  })
}

async function place(attributes: string): Promise<HTMLElement> {
  document.body.innerHTML = `<hexad-ad ${attributes}></hexad-ad>`
  const element = document.querySelector<HTMLElement>('hexad-ad')!
  await vi.waitFor(() => expect(element.dataset.state).not.toBe('loading'))
  return element
}

const requestedUrl = (call = 0) => new URL(String(fetch.mock.calls[call]?.[0]))

beforeAll(() => {
  customElements.define('hexad-ad', defineHexadAd('https://tag.hexad.test/hexad-tag.js'))
})

beforeEach(() => {
  window.__HEXAD_CONFIG__ = { apiOrigin: API }
  geolocation('prompt')
  consoleErrors = vi.spyOn(console, 'error')
})

afterEach(() => {
  // Nothing the tag meets may reach the publisher's console.
  expect(consoleErrors).not.toHaveBeenCalled()
  document.body.innerHTML = ''
  resetApiOrigin()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('<hexad-ad>', () => {
  it('renders the ad in its shadow root, linked to the click URL in a new tab', async () => {
    answer(() => Response.json(ad))
    const element = await place('slot="top" id="top-ad" class="publisher-box"')
    expect(element.dataset.state).toBe('filled')
    const link = element.shadowRoot!.querySelector('a')!
    // The publisher's attributes stay on the host: no second #top-ad inside.
    expect(link.id).toBe('')
    expect(link.className).toBe('ad')
    expect(link.getAttribute('href')).toBe(ad.clickUrl)
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.textContent).toContain('Shibuya coffee break')
    expect(link.textContent).toContain('Two minutes from the crossing.')
    expect(requestedUrl().origin + requestedUrl().pathname).toBe(`${API}/v1/ads`)
    expect(requestedUrl().searchParams.get('slot')).toBe('top')
  })

  it('does not ask for the position when the page has no permission yet', async () => {
    answer(() => Response.json(ad))
    await place('slot="top"')
    expect(getCurrentPosition).not.toHaveBeenCalled()
    expect(requestedUrl().searchParams.has('lat')).toBe(false)
  })

  it('sends the position when the page already has permission', async () => {
    geolocation('granted')
    answer(() => Response.json(ad))
    await place('slot="top"')
    expect(requestedUrl().searchParams.get('lat')).toBe('35.65950')
    expect(requestedUrl().searchParams.get('lng')).toBe('139.70050')
  })

  it('asks for the position when the publisher wrote geo="prompt"', async () => {
    answer(() => Response.json(ad))
    await place('slot="top" geo="prompt"')
    expect(getCurrentPosition).toHaveBeenCalledOnce()
    expect(requestedUrl().searchParams.get('lat')).toBe('35.65950')
  })

  it('prefers the api attribute to the page configuration', async () => {
    answer(() => Response.json(ad))
    await place('slot="top" api="https://other-ads.hexad.test"')
    expect(requestedUrl().origin).toBe('https://other-ads.hexad.test')
  })

  it.each([
    ['there is no fill (204)', () => new Response(null, { status: 204 })],
    ['ad-api is down', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['ad-api fails (500)', () => Response.json({ error: 'boom' }, { status: 500 })],
    ['the answer is not an ad', () => new Response('<html>proxy error</html>')],
  ])('collapses, whatever the page CSS says, when %s', async (_, response) => {
    answer(response)
    const element = await place('slot="top" style="display: block; min-height: 250px"')
    expect(element.dataset.state).toBe('empty')
    expect(element.style.getPropertyValue('display')).toBe('none')
    expect(element.style.getPropertyPriority('display')).toBe('important')
    expect(element.shadowRoot!.querySelector('a')).toBeNull()
  })

  it('sends one impression when the ad has been viewable, however often it is seen', async () => {
    const viewport = fakeIntersectionObserver()
    answer(() => Response.json(ad))
    const element = await place('slot="top"')
    vi.useFakeTimers()

    viewport.scrollTo(0.6)
    vi.advanceTimersByTime(500)
    expect(fetch).toHaveBeenCalledTimes(1) // the ad request only
    vi.advanceTimersByTime(500)
    viewport.scrollTo(0)
    viewport.scrollTo(1)
    vi.advanceTimersByTime(3_000)

    const impressions = fetch.mock.calls.filter(([url]) => String(url) === ad.impUrl)
    expect(impressions).toHaveLength(1)
    expect(impressions[0]?.[1]).toMatchObject({ keepalive: true, credentials: 'omit' })
    expect(element.dataset.impression).toBe('sent')
  })

  it('sends the impression again when ad-api could not record it (503), then stops', async () => {
    const viewport = fakeIntersectionObserver()
    let refusals = 1
    answer(() => Response.json(ad))
    fetch.mockImplementation(async (url: unknown) => {
      if (String(url) !== ad.impUrl) return Response.json(ad)
      if (refusals-- > 0)
        return new Response(null, { status: 503, headers: { 'retry-after': '2' } })
      return new Response(null, { status: 204 })
    })
    await place('slot="top"')
    vi.useFakeTimers()
    viewport.scrollTo(1)
    await vi.advanceTimersByTimeAsync(1_000) // viewable: the first send, refused
    await vi.advanceTimersByTimeAsync(2_000) // Retry-After: the second, recorded
    await vi.advanceTimersByTimeAsync(30_000)
    const impressions = fetch.mock.calls.filter(([url]) => String(url) === ad.impUrl)
    expect(impressions).toHaveLength(2)
  })
})
