import { ConfigError } from '@hexad/service-kit'
import { describe, expect, it } from 'vitest'
import { parseTokenKeys } from './keys.ts'
import { MAX_CLOCK_SKEW_SECONDS, signToken, verifyToken, type AdClaims } from './token.ts'

const secret = (fill: number) => Buffer.alloc(32, fill).toString('base64url')
const both = parseTokenKeys(`new:${secret(2)},old:${secret(1)}`)
const oldOnly = parseTokenKeys(`old:${secret(1)}`)
const newOnly = parseTokenKeys(`new:${secret(2)}`)

const now = Date.parse('2026-06-15T09:00:00Z')
const claims: AdClaims = {
  requestId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  campaign: 12,
  creative: 345,
  slot: 'home-top_1',
  iat: now / 1000,
}

function replaceAt(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
}

describe('ad tokens', () => {
  it('round-trips the claims', () => {
    const token = signToken(both, claims)
    expect(token.startsWith('new.')).toBe(true)
    expect(verifyToken(both, token, 3600, now)).toEqual({ ok: true, claims })
  })

  it('rejects a change anywhere in the token', () => {
    const token = signToken(both, claims)
    for (let at = 0; at < token.length; at++) {
      if (token[at] === '.') continue
      const result = verifyToken(both, replaceAt(token, at), 3600, now)
      expect(result.ok, `changed at ${at}`).toBe(false)
    }
  })

  it('rejects claims re-signed without the key and a swapped key id', () => {
    const token = signToken(both, claims)
    const [, payload, signature] = token.split('.')
    const forged = Buffer.from(`${claims.requestId}|999|345|home-top_1|${claims.iat}`).toString(
      'base64url',
    )
    expect(verifyToken(both, `new.${forged}.${signature}`, 3600, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(verifyToken(both, `old.${payload}.${signature}`, 3600, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('names malformed tokens and unknown keys as such', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', 'x'.repeat(600), '../../etc/passwd']) {
      expect(verifyToken(both, bad, 3600, now)).toMatchObject({ ok: false })
    }
    expect(verifyToken(both, 'a.b.c.d', 3600, now)).toEqual({ ok: false, reason: 'malformed' })
    const token = signToken(both, claims).replace(/^new\./, 'gone.')
    expect(verifyToken(both, token, 3600, now)).toEqual({ ok: false, reason: 'unknown_key' })
  })

  it('expires after the TTL and not before', () => {
    const token = signToken(both, claims)
    expect(verifyToken(both, token, 3600, now + 3_600_000).ok).toBe(true)
    expect(verifyToken(both, token, 3600, now + 3_601_000)).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses a token issued in the future beyond the clock skew: a leaked key never mints forever', () => {
    const at = (seconds: number) => signToken(both, { ...claims, iat: now / 1000 + seconds })
    expect(verifyToken(both, at(MAX_CLOCK_SKEW_SECONDS), 3600, now).ok).toBe(true)
    expect(verifyToken(both, at(MAX_CLOCK_SKEW_SECONDS + 1), 3600, now)).toEqual({
      ok: false,
      reason: 'issued_in_future',
    })
    expect(verifyToken(both, at(10 * 365 * 86_400), 3600, now).ok).toBe(false)
  })

  it('refuses the development secret and weak secrets in production, naming the key', () => {
    const refused = (value: string | undefined) => {
      try {
        parseTokenKeys(value, true)
      } catch (err) {
        return (err as ConfigError).problems
      }
      return []
    }
    const devSecret = 'ZGV2ZWxvcG1lbnQtb25seS1hZC10b2tlbi1rZXktMzJieXRlcw'
    expect(refused(`prd:${devSecret}`)).toEqual([
      expect.stringMatching(/^AD_TOKEN_KEYS: key 1 \(prd\) is the development value/),
    ])
    expect(refused(`a:${secret(7)}`)).toEqual([
      expect.stringMatching(/^AD_TOKEN_KEYS: key 1 \(a\) is too weak/),
    ])
    expect(
      refused(`a:${Buffer.from('0123456789abcdefghijklmnopqrstuv').toString('base64url')}`),
    ).toEqual([])
  })

  it('rotates: old tokens verify while the old key is listed, new tokens use the first key', () => {
    const fromOldPod = signToken(oldOnly, claims)
    expect(verifyToken(both, fromOldPod, 3600, now).ok).toBe(true)
    expect(verifyToken(newOnly, fromOldPod, 3600, now)).toEqual({
      ok: false,
      reason: 'unknown_key',
    })
    const fromNewPod = signToken(both, claims)
    expect(verifyToken(newOnly, fromNewPod, 3600, now).ok).toBe(true)
  })
})

describe('parseTokenKeys', () => {
  function problems(value: string): string[] {
    try {
      parseTokenKeys(value)
    } catch (err) {
      if (err instanceof ConfigError) return err.problems
      throw err
    }
    return []
  }

  it('names each bad key without echoing any secret', () => {
    const short = Buffer.alloc(8, 7).toString('base64url')
    const found = problems(
      `ok:${secret(1)},ok:${secret(2)},weak:${short},no-colon,bad id!:${secret(3)}`,
    )
    expect(found).toEqual([
      'AD_TOKEN_KEYS: key 2 (ok) is listed twice',
      'AD_TOKEN_KEYS: key 3 (weak) needs a base64url secret of at least 32 bytes',
      'AD_TOKEN_KEYS: key 4 must be kid:secret, kid of 1-16 letters, digits, _ -',
      'AD_TOKEN_KEYS: key 5 must be kid:secret, kid of 1-16 letters, digits, _ -',
    ])
    expect(found.join()).not.toContain(short)
  })

  it('falls back to the development key when unset', () => {
    expect(parseTokenKeys(undefined).signing.id).toBe('dev')
  })
})
