import type { IncomingHttpHeaders } from 'node:http'
import { isbot } from 'isbot'

/** Why a request is not a reader seeing an ad: a known bot or crawler, or a speculative load. */
export type InvalidReason = 'bot' | 'prefetch'

// User agents repeat (a few browser builds make most traffic), and isbot's one large pattern
// costs about 2 µs a call here: its answers are kept, a bounded number of them.
const MAX_REMEMBERED = 2_048

/**
 * A check for invalid traffic: known bots and crawlers by user agent (the `isbot` list, kept
 * current by its maintainers), and prefetches or prerenders the browser announces
 * (`Sec-Purpose: prefetch` and `prefetch;prerender`, the older `Purpose: prefetch`, Firefox's
 * `X-Moz: prefetch`, Safari's `X-Purpose: preview`). Neither is a reader who saw an ad.
 */
export function invalidTrafficCheck(): (headers: IncomingHttpHeaders) => InvalidReason | undefined {
  const remembered = new Map<string, boolean>()
  const isBot = (userAgent: string) => {
    let bot = remembered.get(userAgent)
    if (bot === undefined) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear()
      bot = isbot(userAgent)
      remembered.set(userAgent, bot)
    }
    return bot
  }
  return (headers) => {
    const purpose =
      headers['sec-purpose'] ?? headers.purpose ?? headers['x-moz'] ?? headers['x-purpose']
    if (purpose !== undefined && /prefetch|prerender|preview/i.test(String(purpose)))
      return 'prefetch'
    const userAgent = headers['user-agent']
    return userAgent !== undefined && isBot(userAgent) ? 'bot' : undefined
  }
}
