import { setTimeout as sleep } from 'node:timers/promises'

/** Polls `url` until it answers 200, for at most `timeoutMs`; returns false if it never did. */
export async function waitForOk(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.arrayBuffer()
      if (response.status === 200) return true
    } catch {
      // Not listening yet.
    }
    await sleep(250)
  }
  return false
}

export interface Fetched {
  status: number
  headers: Headers
  body: string
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) })
  return { status: response.status, headers: response.headers, body: await response.text() }
}
