import { ConfigError, loadConfig } from '@hexad/service-kit'
import { describe, expect, it } from 'vitest'
import { checkConfig, configSchema } from './config.ts'

function problems(env: Record<string, string>): string[] {
  try {
    checkConfig(loadConfig(configSchema, env))
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('ad-api config', () => {
  it('runs in development with nothing set', () => {
    const config = loadConfig(configSchema, { NODE_ENV: 'development' })
    expect(config.PORT).toBe(3002)
    expect(config.PUBLIC_BASE_URL).toBe('http://127.0.0.1:3002')
    expect(problems({ NODE_ENV: 'development' })).toEqual([])
  })

  it('requires signing keys in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'AD_TOKEN_KEYS: is required in production',
    ])
  })

  it('refuses a staleness limit the refresh interval could never meet', () => {
    expect(
      problems({ NODE_ENV: 'test', INDEX_REFRESH_MS: '10000', INDEX_MAX_STALE_MS: '5000' }),
    ).toEqual(['INDEX_MAX_STALE_MS: must be greater than INDEX_REFRESH_MS'])
  })

  it('wants an origin, without a path, for the tracking URLs', () => {
    expect(problems({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://ads.example.com/' })).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL: /),
    ])
  })
})
