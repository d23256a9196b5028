import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort, serveStaticSite, type Site } from './static-site.ts'

let root: string
let api: ReturnType<typeof createServer>
let site: Site
let apiDown: Site

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hexad-static-'))
  await mkdir(join(root, 'assets'))
  await writeFile(join(root, 'index.html'), '<div id="app"></div>')
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)')
  api = createServer((req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' })
    req.pipe(res) // echoes the body, so the test sees it went through
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
  site = await serveStaticSite({
    root,
    spaFallback: true,
    apiProxy: apiUrl,
    configScript: 'window.__HEXAD_CONFIG__ = {}\n',
  })
  apiDown = await serveStaticSite({ root, apiProxy: `http://127.0.0.1:${await closedPort()}` })
})

afterAll(async () => {
  await Promise.all([site.close(), apiDown.close()])
  await new Promise((resolve) => api.close(resolve))
  await rm(root, { recursive: true, force: true })
})

describe('serveStaticSite', () => {
  it('serves files with their type, and index.html for app routes', async () => {
    const script = await fetch(`${site.url}/assets/app.js`)
    expect(script.headers.get('content-type')).toContain('application/javascript')
    expect(await script.text()).toBe('console.log(1)')
    expect(await (await fetch(`${site.url}/campaigns/12`)).text()).toBe('<div id="app"></div>')
  })

  it('answers 404 without the SPA fallback, and never serves outside its root', async () => {
    expect((await fetch(`${apiDown.url}/missing.js`)).status).toBe(404)
    expect((await fetch(`${apiDown.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404)
  })

  it('serves /config.js as written', async () => {
    expect(await (await fetch(`${site.url}/config.js`)).text()).toBe(
      'window.__HEXAD_CONFIG__ = {}\n',
    )
  })

  it('proxies /api/, and answers 502 when the API is down', async () => {
    const proxied = await fetch(`${site.url}/api/campaigns`, { method: 'POST', body: '{"a":1}' })
    expect(proxied.status).toBe(201)
    expect(await proxied.json()).toEqual({ a: 1 })
    expect((await fetch(`${apiDown.url}/api/me`)).status).toBe(502)
  })
})
