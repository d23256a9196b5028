import { UsageError } from './cli.ts'

// The jobs read a handful of variables; this is the few lines they need. Not service-kit's
// loadConfig: importing it (Fastify, pino, typebox) costs a job ~45 MiB of its 200 MiB budget.

export interface EnvSpec {
  required?: boolean
  default?: string
  /** The whole value must match. */
  pattern?: RegExp
  /** What a valid value looks like, for the message. */
  expected?: string
}

/**
 * Reads the variables `spec` names; an empty string counts as unset. Throws one UsageError naming
 * every bad variable; values are never echoed (a URL holds a password).
 */
export function readEnv<K extends string>(
  spec: Record<K, EnvSpec>,
  env: Record<string, string | undefined> = process.env,
): Record<K, string | undefined> {
  const values = {} as Record<K, string | undefined>
  const problems: string[] = []
  for (const name of Object.keys(spec) as K[]) {
    const rule = spec[name]
    const value = env[name] || rule.default
    if (value === undefined) {
      if (rule.required) problems.push(`${name}: is required but not set`)
    } else if (rule.pattern && !rule.pattern.test(value)) {
      problems.push(`${name}: must be ${rule.expected ?? `like ${rule.pattern}`}`)
    }
    values[name] = value
  }
  if (problems.length > 0) {
    throw new UsageError(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
  return values
}
