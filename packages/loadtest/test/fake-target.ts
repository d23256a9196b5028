// A tiny stand-in for ad-api and console-api on 127.0.0.1, for tests that need a target but not
// the real services: it answers the routes the scenarios call and counts what it received.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeTarget {
  url: string
  /** Requests received per path prefix (`/v1/ads`, `/v1/imp`, …). */
  counts: Record<string, number>
  close(): Promise<void>
}

export interface FakeTargetOptions {
  /** Every answer waits this long: a way to miss a latency threshold. */
  delayMs?: number
  /** Share of ad requests answered 500: a way to miss an error threshold. */
  failShare?: number
}

export async function startFakeTarget(options: FakeTargetOptions = {}): Promise<FakeTarget> {
  const counts: Record<string, number> = {}
  let n = 0
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake')
    const prefix = url.pathname.split('/').slice(0, 3).join('/')
    counts[prefix] = (counts[prefix] ?? 0) + 1
    request.resume()
    request.on('end', () => setTimeout(() => answer(url, response), options.delayMs ?? 0))
  })
  function answer(url: URL, response: ServerResponse) {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body))
    const path = url.pathname
    if (path === '/v1/ads') {
      n++
      if (options.failShare && n % Math.round(1 / options.failShare) === 0) return json(500, {})
      // Every third request unfilled, like a point outside every fence with no fallback.
      if (n % 3 === 0) return response.writeHead(204).end()
      const token = `t${n}`
      return json(200, {
        requestId: `r${n}`,
        creative: { id: 1 },
        impUrl: `http://public.example/v1/imp/${token}`,
        clickUrl: `http://public.example/v1/click/${token}`,
      })
    }
    if (path.startsWith('/v1/imp/')) return response.writeHead(204).end()
    if (path.startsWith('/v1/click/'))
      return response.writeHead(302, { location: 'https://ad.example/' }).end()
    if (path === '/api/auth/login') {
      return json(
        200,
        { user: {}, csrfToken: 'c' },
        { 'set-cookie': 'hexad_session=s3cr3t; Path=/; HttpOnly' },
      )
    }
    if (path === '/api/campaigns' || path === '/api/reports') return json(200, { items: [] })
    return json(404, { error: 'not_found' })
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
