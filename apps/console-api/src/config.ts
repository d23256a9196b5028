import { ConfigError, serviceConfigSchema, weakSecret } from '@hexad/service-kit'
import Type, { type Static } from 'typebox'

export const configSchema = serviceConfigSchema({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  // mysql://user:pass@host:3306/db (Aurora), sqlite:<file>, or unset for <repo>/.data/hexad.sqlite.
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(mysql://|sqlite:)' })),
  DB_MIGRATE_ON_START: Type.Boolean({ default: true }),
  SEED_DEMO_DATA: Type.Boolean({ default: false }),
  // Keys the HMAC that turns a cookie's token into a session id; required in production.
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  // Secure cookies everywhere but development and tests (plain http on localhost).
  COOKIE_SECURE: Type.Optional(Type.Boolean()),
  // Failed logins, counted in the database (every replica sees the same): per address per minute,
  // per email from one address per minute, and per email per hour before its back-off starts.
  LOGIN_LIMIT_PER_IP_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  LOGIN_LIMIT_PER_EMAIL_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000, default: 5 }),
  LOGIN_BACKOFF_AFTER_FAILURES: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  // Every request fits in a few KiB (the largest: a campaign with a 2 KiB landing URL).
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 16_384 }),
})

export type Config = Static<typeof configSchema>

const DEVELOPMENT_SESSION_SECRET = 'hexad-development-only-session-secret'

/** Settings that depend on each other, resolved once so the rest of the app reads plain values. */
export function resolveSecurity(config: Config) {
  const production = config.NODE_ENV === 'production'
  const problems: string[] = []
  if (production && !config.SESSION_SECRET) {
    problems.push('SESSION_SECRET: is required when NODE_ENV=production')
  }
  const weak =
    production && config.SESSION_SECRET
      ? weakSecret(config.SESSION_SECRET, [DEVELOPMENT_SESSION_SECRET])
      : undefined
  if (weak) problems.push(`SESSION_SECRET: ${weak}`)
  // Any origin plus cookies would let every site on the web act as the logged-in advertiser.
  if (config.CORS_ORIGINS.split(',').some((o) => o.trim() === '*')) {
    problems.push('CORS_ORIGINS: * is not allowed here (the API uses cookies); list the origins')
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    sessionSecret: config.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    cookieSecure: config.COOKIE_SECURE ?? production,
  }
}
