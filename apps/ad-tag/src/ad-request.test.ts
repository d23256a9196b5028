import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sendImpression } from './ad-request.ts'

const IMP = 'https://ads.hexad.test/v1/imp/token-1'

/** ad-api answering each impression with the next status in `statuses` (the last one repeats). */
function adApi(statuses: number[], retryAfter: string | null = '1') {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
    const status = statuses[Math.min(fetch.mock.calls.length - 1, statuses.length - 1)]!
    const headers = new Headers()
    if (status === 503 && retryAfter !== null) headers.set('retry-after', retryAfter)
    return new Response(null, { status, headers })
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('sendImpression', () => {
  it('sends a refused (503) impression again, with the same URL, until it is recorded', async () => {
    const fetch = adApi([503, 503, 204])
    const sent = sendImpression(IMP)
    await vi.advanceTimersByTimeAsync(0)
    expect(fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1_000) // Retry-After 1 s, backoff 1 s
    expect(fetch).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1_999) // backoff 2 s now
    expect(fetch).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    await sent
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(fetch.mock.calls.every(([url]) => url === IMP)).toBe(true)
    expect(fetch.mock.calls.every(([, init]) => init?.keepalive === true)).toBe(true)
  })

  it.each([
    ['5', 5_000],
    ['3600', 8_000], // never longer than 8 s
    ['Wed, 21 Oct 2026 07:28:00 GMT', 1_000], // a date: the backoff alone
  ])('waits as Retry-After: %s asks, within its bounds: %i ms', async (retryAfter, waitMs) => {
    const fetch = adApi([503, 204], retryAfter)
    void sendImpression(IMP)
    await vi.advanceTimersByTimeAsync(waitMs - 1)
    expect(fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('gives up after four tries', async () => {
    const fetch = adApi([503], null)
    const sent = sendImpression(IMP)
    await vi.advanceTimersByTimeAsync(60_000)
    await sent
    expect(fetch).toHaveBeenCalledTimes(4)
  })

  it.each([204, 200, 400, 404, 410, 500])('never sends again after a %i', async (status) => {
    const fetch = adApi([status])
    await sendImpression(IMP)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('never throws, even when ad-api cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    await expect(sendImpression(IMP)).resolves.toBeUndefined()
  })
})
