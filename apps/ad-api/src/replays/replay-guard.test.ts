import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ReplayGuard } from './replay-guard.ts'
import { RequestIdSet } from './request-id-set.ts'

describe('RequestIdSet', () => {
  it('holds exactly the ids added, however many, each once', () => {
    const set = new RequestIdSet()
    const ids = Array.from({ length: 50_000 }, () => randomUUID())
    expect(ids.filter((id) => !set.add(id))).toEqual([])
    expect(set.size).toBe(ids.length)
    expect(ids.filter((id) => !set.has(id))).toEqual([])
    expect(ids.slice(0, 1000).filter((id) => set.add(id))).toEqual([])
    expect(set.size).toBe(ids.length)
    const others = Array.from({ length: 50_000 }, () => randomUUID())
    expect(others.filter((id) => set.has(id))).toEqual([])
    // Grown at half full: no more than 48 bytes an id.
    expect(set.bytes).toBeLessThanOrEqual(48 * ids.length)
  })

  it('tells the same id apart under two salts, and keeps the all-zero key too', () => {
    const set = new RequestIdSet()
    const id = randomUUID()
    set.add(id, 0)
    expect(set.has(id, 1)).toBe(false)
    expect(set.add(id, 1)).toBe(true)
    const zero = '00000000-0000-4000-8000-000000000000'
    expect(set.has(zero)).toBe(false)
    expect(set.add(zero)).toBe(true)
    expect(set.has(zero)).toBe(true)
    expect(set.add(zero)).toBe(false)
  })
})

describe('ReplayGuard', () => {
  const hour = 3600
  function guard(maxEntries = 1_000_000) {
    const clock = { ms: Date.parse('2026-06-15T09:00:00Z') }
    const g = new ReplayGuard({ ttlSeconds: hour, maxEntries, now: () => clock.ms })
    const nowSeconds = () => Math.floor(clock.ms / 1000)
    return { g, clock, nowSeconds }
  }

  it('knows a token recorded once as a replay, per tag, and nothing before it is remembered', () => {
    const { g, nowSeconds } = guard()
    const id = randomUUID()
    const iat = nowSeconds()
    expect(g.use('impression', id, iat)).toBe('first')
    expect(g.use('impression', id, iat)).toBe('first') // a refused record is not remembered
    g.remember('impression', id, iat)
    expect(g.use('impression', id, iat)).toBe('replay')
    expect(g.use('click', id, iat)).toBe('first')
    g.remember('click', id, iat)
    expect(g.use('click', id, iat)).toBe('replay')
    expect(g.size).toBe(2)
  })

  it('drops what it keeps once the tokens have expired', () => {
    const { g, clock, nowSeconds } = guard()
    for (let i = 0; i < 100; i++) g.remember('impression', randomUUID(), nowSeconds())
    clock.ms += (hour + 120) * 1000 // every one of those tokens is expired now
    g.remember('impression', randomUUID(), nowSeconds())
    expect(g.size).toBe(1)
    expect(g.windowSeconds).toBe(hour)
  })

  it('past maxEntries, forgets the oldest tokens and refuses them: never counted twice', () => {
    const { g, clock, nowSeconds } = guard(1_000)
    const early = { id: randomUUID(), iat: nowSeconds() }
    g.remember('impression', early.id, early.iat)
    // A token a minute for ten minutes, then a flood: the memory bound is met.
    const recent: { id: string; iat: number }[] = []
    for (let i = 0; i < 2_000; i++) {
      if (i < 10) clock.ms += 60_000
      const token = { id: randomUUID(), iat: nowSeconds() }
      g.remember('impression', token.id, token.iat)
      recent.push(token)
    }
    expect(g.size).toBeLessThanOrEqual(1_000)
    expect(g.forgotten).toBeGreaterThan(0)
    expect(g.use('impression', early.id, early.iat)).toBe('forgotten')
    expect(g.windowSeconds).toBeLessThan(hour)
    // Every token is either still known as a replay or refused as forgotten: none is new again.
    expect(recent.filter((t) => g.use('impression', t.id, t.iat) === 'first')).toEqual([])
  })
})
