import { ConfigError, serviceConfigSchema, type BaseConfig } from '@hexad/service-kit'
import Type, { type Static } from 'typebox'

export const configSchema = serviceConfigSchema({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3002 }),
  // The tag runs on any publisher's page, so any origin may call us (never with credentials).
  CORS_ORIGINS: Type.String({ default: '*' }),
  // mysql://… in every deployed environment; unset means the shared embedded SQLite file.
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(mysql://|sqlite:)' })),
  // Secret. `kid:base64url-secret,kid2:…`: the first key signs, every key verifies (rotation).
  AD_TOKEN_KEYS: Type.Optional(Type.String({ minLength: 1 })),
  AD_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 7 * 86_400, default: 3_600 }),
  INDEX_REFRESH_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 10_000 }),
  // A load from a database that stopped answering is abandoned after this, so the next one can try.
  INDEX_LOAD_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  // The index may be this old (the DB unreachable meanwhile) before /readyz fails. Generous on
  // purpose: every replica reads the same DB, so an outage makes them all stale at once, and a
  // fleet that is all unready serves nothing. Half an hour of stale campaigns is the lesser harm.
  INDEX_MAX_STALE_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 1_800_000 }),
  // Request ids the replay guard keeps (24-48 bytes each): past it, the oldest tokens are refused
  // as expired rather than risk counting one twice. 2,000,000 is at most ~96 MiB.
  AD_REPLAY_MAX_ENTRIES: Type.Integer({ minimum: 1_000, maximum: 50_000_000, default: 2_000_000 }),
  // Origin the impression/click URLs are built on: what the browser can reach (the ALB's name).
  PUBLIC_BASE_URL: Type.String({ pattern: '^https?://[^/]+$', default: 'http://127.0.0.1:3002' }),
})

export type Config = Static<typeof configSchema> & BaseConfig

/** Rules across variables, which the schema alone can't say. Throws one ConfigError. */
export function checkConfig(config: Config): void {
  const problems: string[] = []
  if (config.NODE_ENV === 'production' && !config.AD_TOKEN_KEYS) {
    problems.push('AD_TOKEN_KEYS: is required in production')
  }
  if (config.INDEX_MAX_STALE_MS <= config.INDEX_REFRESH_MS) {
    problems.push('INDEX_MAX_STALE_MS: must be greater than INDEX_REFRESH_MS')
  }
  if (problems.length > 0) throw new ConfigError(problems)
}
