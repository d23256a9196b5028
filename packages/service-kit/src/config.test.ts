import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, serviceConfigSchema } from './config.ts'

const schema = serviceConfigSchema({
  DATABASE_URL: Type.String({ pattern: '^mysql://' }),
  API_SECRET: Type.String({ minLength: 16 }),
})

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'mysql://db/x',
      API_SECRET: 'x'.repeat(16),
      PORT: '8080',
    })
    expect(config.PORT).toBe(8080)
    expect(config.NODE_ENV).toBe('production')
    expect(config.SHUTDOWN_DELAY_MS).toBe(5000)
  })

  it('names every bad or missing variable in one error', () => {
    const problems = problemsOf({ PORT: 'eighty', NODE_ENV: 'staging', API_SECRET: 'short' })
    expect(problems).toEqual([
      'API_SECRET: must not have fewer than 16 characters',
      'DATABASE_URL: is required but not set',
      'NODE_ENV: must be one of development, test, production',
      'PORT: must be integer',
    ])
  })

  it('treats an empty string as unset', () => {
    expect(problemsOf({ DATABASE_URL: '', API_SECRET: 'x'.repeat(16) })).toEqual([
      'DATABASE_URL: is required but not set',
    ])
  })

  it('rejects out-of-range numbers', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      API_SECRET: 'x'.repeat(16),
      PORT: '70000',
    })
    expect(problems).toEqual(['PORT: must be <= 65535'])
  })

  it('never echoes a value, since some are secrets', () => {
    try {
      loadConfig(schema, { DATABASE_URL: 'postgres://user:hunter2@db', API_SECRET: 'x'.repeat(16) })
    } catch (err) {
      expect((err as Error).message).toContain('DATABASE_URL')
      expect((err as Error).message).not.toContain('hunter2')
      return
    }
    throw new Error('expected a ConfigError')
  })
})
