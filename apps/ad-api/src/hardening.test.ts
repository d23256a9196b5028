import { ConfigError, loadConfig } from '@hexad/service-kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildTestApp } from '../test/build-test-app.ts'
import { buildApp } from './app.ts'
import { configSchema } from './config.ts'

let app: Awaited<ReturnType<typeof buildTestApp>> | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await app?.close()
  app = undefined
})

describe('ad-api refuses what it has no use for', () => {
  it.each([
    ['Infinity', 'maximum', 'must be 90 or less'],
    ['-Infinity', 'minimum', 'must be -90 or more'],
    ['1e400', 'maximum', 'must be 90 or less'],
  ])('answers lat=%s with a 400 naming lat', async (lat, rule, message) => {
    app = await buildTestApp()
    const res = await app.inject(`/v1/ads?slot=home&lat=${lat}&lng=0`)
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toMatchObject([{ in: 'querystring', field: 'lat', rule, message }])
  })

  it('parses no body sent to any path (it has no route that takes one)', async () => {
    app = await buildTestApp()
    // The attack of the issue: 450,000 nested brackets, under the old 1 MiB limit.
    const payload = '['.repeat(450_000) + ']'.repeat(450_000)
    const parse = vi.spyOn(JSON, 'parse')
    const answers = []
    for (const [method, url] of [
      ['POST', '/v1/ads?slot=home'],
      ['PUT', '/v1/imp/x'],
      ['POST', '/nowhere'],
      ['OPTIONS', '/v1/ads'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json', origin: 'https://publisher.example' },
        payload,
      })
      answers.push(res.statusCode)
    }
    expect(parse.mock.calls.filter(([text]) => text === payload)).toHaveLength(0)
    expect(answers.every((status) => status >= 400 && status < 500)).toBe(true)
  })

  it('refuses to start in production with the development signing key', async () => {
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      AD_TOKEN_KEYS: 'dev:ZGV2ZWxvcG1lbnQtb25seS1hZC10b2tlbi1rZXktMzJieXRlcw',
    }
    const started = buildApp(loadConfig(configSchema, env), { env })
    await expect(started).rejects.toThrow(ConfigError)
    await expect(started).rejects.toThrow(/AD_TOKEN_KEYS: key 1 \(dev\) is the development value/)
  })
})
