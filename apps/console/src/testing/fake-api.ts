import { vi } from 'vitest'

export interface FakeRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: unknown
}

type Answer = Response | ((request: FakeRequest) => Response | Promise<Response>)

export const json = (status: number, body?: unknown) =>
  body === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      })

/**
 * Replaces fetch with a console-api stand-in answering "METHOD /path" keys (query ignored) and
 * recording every request. Unknown routes answer 404, like the real API.
 */
export function fakeApi(routes: Record<string, Answer>) {
  const requests: FakeRequest[] = []
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://console.test')
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(request)
    const answer = routes[`${request.method} ${request.path}`]
    if (!answer) return json(404, { error: 'not_found', message: 'Not found' })
    // A fresh Response each time: a body can be read once.
    return typeof answer === 'function' ? answer(request) : answer.clone()
  })
  vi.stubGlobal('fetch', fetch)
  return { requests, fetch }
}

/** fetch as it fails when nothing listens: the browser rejects with a TypeError. */
export function apiDown() {
  const fetch = vi.fn(async () => {
    throw new TypeError('Failed to fetch')
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}
