import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { HOUR_MS } from '@hexad/contracts/time'
import { fromSqlDateTime, type Db, type LoginAttempt } from '@hexad/db'
import {
  clearLoginFailures,
  findLoginAttempts,
  recordLoginFailure,
} from '../repositories/login-attempts.ts'

export interface LoginLimitOptions {
  /** Failures for one email from one address per minute. */
  perEmailAndAddress: number
  /** Failures from one address per minute, whatever the emails (spraying many accounts). */
  perAddress: number
  /** Failures for one email per hour from any address before each attempt must wait. */
  backoffAfter: number
}

const MINUTE_MS = 60_000
// The longest the per-email back-off makes anyone wait: an attacker with many addresses gets one
// guess a minute at an account, and its owner, typing the right password, waits a minute at most.
const MAX_BACKOFF_MS = 60_000

interface Rule {
  key(email: string, address: string): string
  windowMs: number
  /** How long an attempt must still wait given this key's failures; 0 when it may go ahead. */
  waitMs(row: LoginAttempt, now: number, options: LoginLimitOptions): number
}

function fixedWindow(limit: (options: LoginLimitOptions) => number) {
  return (row: LoginAttempt, now: number, options: LoginLimitOptions) => {
    const ends = fromSqlDateTime(row.window_started_at) + MINUTE_MS
    return row.failures >= limit(options) && ends > now ? ends - now : 0
  }
}

// Never the email alone in a window: that would hand anyone who knows an email a lockout of its
// owner. Per email and address is the limit that stops guessing; the per-email back-off only
// slows down guesses spread over many addresses.
const perEmailAndAddress: Rule = {
  key: (email, address) => `email+address\0${email}\0${address}`,
  windowMs: MINUTE_MS,
  waitMs: fixedWindow((o) => o.perEmailAndAddress),
}
const rules: Rule[] = [
  perEmailAndAddress,
  {
    key: (_email, address) => `address\0${address}`,
    windowMs: MINUTE_MS,
    waitMs: fixedWindow((o) => o.perAddress),
  },
  {
    key: (email) => `email\0${email}`,
    windowMs: HOUR_MS,
    waitMs(row, now, options) {
      const over = row.failures - options.backoffAfter
      if (over < 0 || fromSqlDateTime(row.window_started_at) + HOUR_MS <= now) return 0
      const until = fromSqlDateTime(row.last_failed_at) + Math.min(1000 * 2 ** over, MAX_BACKOFF_MS)
      return Math.max(0, until - now)
    },
  },
]

// Stored as SHA-256: the table needs to tell keys apart, not to know emails or addresses.
const hashed = (text: string) => createHash('sha256').update(text).digest('hex')

/** Login limits counted in the database, so every replica sees every failure. */
export function loginLimits(db: Db, options: LoginLimitOptions) {
  const keysOf = (email: string, address: string) =>
    rules.map((rule) => ({ rule, key: hashed(rule.key(email.toLowerCase(), address)) }))
  return {
    /** How long this attempt must wait (ms); 0: go ahead. */
    async waitMs(email: string, address: string, now = new Date()): Promise<number> {
      const keys = keysOf(email, address)
      const rows = new Map(
        (
          await findLoginAttempts(
            db,
            keys.map((k) => k.key),
          )
        ).map((r) => [r.key, r]),
      )
      let wait = 0
      for (const { rule, key } of keys) {
        const row = rows.get(key)
        if (row) wait = Math.max(wait, rule.waitMs(row, now.getTime(), options))
      }
      return wait
    },
    /** Throws a 429 with Retry-After while this attempt must wait; `guesses` names what is tried. */
    async assertMayTry(email: string, address: string, reply: FastifyReply, guesses: string) {
      const waitMs = await this.waitMs(email, address)
      if (waitMs <= 0) return
      const seconds = Math.ceil(waitMs / 1000)
      reply.header('retry-after', seconds)
      throw reply.server.httpErrors.tooManyRequests(
        `Too many ${guesses}, retry in ${seconds} seconds`,
      )
    },
    async failed(email: string, address: string, now = new Date()): Promise<void> {
      for (const { rule, key } of keysOf(email, address)) {
        await recordLoginFailure(db, key, now, new Date(now.getTime() - rule.windowMs))
      }
    },
    /** The owner got in from here: this address's failures for the account no longer count. */
    async succeeded(email: string, address: string): Promise<void> {
      await clearLoginFailures(db, hashed(perEmailAndAddress.key(email.toLowerCase(), address)))
    },
  }
}
