import Type, { type Static, type TObject, type TProperties } from 'typebox'
import Value from 'typebox/value'

/** Where variables are read from: process.env, or what a test gives. */
export type Environment = Record<string, string | undefined>

/** Settings every service has; a service adds its own with `serviceConfigSchema`. */
const baseConfigProperties = {
  NODE_ENV: Type.Union(
    [Type.Literal('development'), Type.Literal('test'), Type.Literal('production')],
    { default: 'production' },
  ),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  // The operations port (/metrics, docs): no Service exposes it. 0 picks a free one (tests);
  // pods set it to the port their Datadog annotation names.
  OPS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  // Keep serving this long after SIGTERM so the load balancer sees /readyz fail and drains us.
  SHUTDOWN_DELAY_MS: Type.Integer({ minimum: 0, maximum: 120_000, default: 5_000 }),
  // If closing (in-flight requests, close hooks) takes longer than this, exit non-zero.
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024, default: 1_048_576 }),
  // Comma-separated origins allowed by CORS; '*' allows any origin (never with credentials).
  CORS_ORIGINS: Type.String({ default: '' }),
  // Proxies in front of the service whose X-Forwarded-For we believe (1 behind an ALB).
  TRUST_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
}

export function serviceConfigSchema<P extends TProperties>(own: P) {
  return Type.Object({ ...baseConfigProperties, ...own })
}

export type BaseConfig = Static<TObject<typeof baseConfigProperties>>

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    )
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/**
 * Reads the schema's variables from the environment, applies defaults and converts types.
 * Throws one ConfigError naming every bad variable. Values are never echoed: some are secrets.
 * An empty string counts as unset, as it does in most ConfigMaps and shells.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: Environment = process.env,
): Static<T> {
  const raw: Record<string, string> = {}
  for (const name of Object.keys(schema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[name] = value
  }
  const value = Value.Convert(schema, Value.Default(schema, raw))
  const problems: string[] = []
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties: string[] }).requiredProperties
      for (const name of missing) problems.push(`${name}: is required but not set`)
    } else if (error.instancePath !== '') {
      const name = error.instancePath.slice(1).split('/')[0]
      const line = `${name}: ${describe(schema.properties[name ?? ''], error.message)}`
      if (!problems.includes(line)) problems.push(line)
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.sort())
  return value as Static<T>
}

function describe(property: unknown, fallback: string): string {
  const literals = (property as { anyOf?: { const?: unknown }[] } | undefined)?.anyOf
    ?.map((member) => member.const)
    .filter((c) => c !== undefined)
  if (literals && literals.length > 0) return `must be one of ${literals.join(', ')}`
  return fallback
}
