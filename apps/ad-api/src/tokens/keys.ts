import { createSecretKey, type KeyObject } from 'node:crypto'
import { ConfigError, weakSecret } from '@hexad/service-kit'

export interface TokenKey {
  id: string
  /** A KeyObject, made once: handing createHmac a Buffer builds one on every call. */
  secret: KeyObject
}

/** The keys tokens are signed with: `signing` signs new tokens, `byId` verifies any of them. */
export interface TokenKeyring {
  signing: TokenKey
  byId: Map<string, TokenKey>
}

// Known to everyone who reads this file: only for a laptop, refused in production (checkConfig
// requires the variable, and parseTokenKeys refuses this secret under any key id).
const DEV_SECRET = 'ZGV2ZWxvcG1lbnQtb25seS1hZC10b2tlbi1rZXktMzJieXRlcw'
const DEV_KEYS = `dev:${DEV_SECRET}`

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/
const MIN_SECRET_BYTES = 32

/**
 * Parses AD_TOKEN_KEYS (`kid:base64url-secret,kid2:…`). To rotate: add the new key second and
 * deploy (every pod verifies it), then move it first (it signs), then drop the old one after the
 * token TTL. Problems name the key id, never the secret. In production a weak secret (service-kit's
 * weakSecret: the development one, or too little variety) is refused too.
 */
export function parseTokenKeys(value: string | undefined, production = false): TokenKeyring {
  const problems: string[] = []
  const keys: TokenKey[] = []
  for (const [index, entry] of (value ?? DEV_KEYS).split(',').entries()) {
    const separator = entry.indexOf(':')
    const id = separator < 0 ? '' : entry.slice(0, separator).trim()
    const encoded = entry.slice(separator + 1).trim()
    const label = `key ${index + 1}${KEY_ID.test(id) ? ` (${id})` : ''}`
    if (separator < 0 || !KEY_ID.test(id)) {
      problems.push(`AD_TOKEN_KEYS: ${label} must be kid:secret, kid of 1-16 letters, digits, _ -`)
      continue
    }
    const secret = Buffer.from(encoded, 'base64url')
    if (!/^[A-Za-z0-9_-]+$/.test(encoded) || secret.length < MIN_SECRET_BYTES) {
      problems.push(`AD_TOKEN_KEYS: ${label} needs a base64url secret of at least 32 bytes`)
      continue
    }
    const weak = production && weakSecret(secret, [Buffer.from(DEV_SECRET, 'base64url')])
    if (weak) {
      problems.push(`AD_TOKEN_KEYS: ${label} ${weak}`)
      continue
    }
    if (keys.some((k) => k.id === id)) problems.push(`AD_TOKEN_KEYS: ${label} is listed twice`)
    keys.push({ id, secret: createSecretKey(secret) })
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return { signing: keys[0]!, byId: new Map(keys.map((k) => [k.id, k])) }
}
