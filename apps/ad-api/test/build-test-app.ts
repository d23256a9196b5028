import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listAnalyticsFiles, readAnalyticsFile } from '@hexad/analytics-log'
import type { Db } from '@hexad/db'
import { loadConfig, type ServiceInstance } from '@hexad/service-kit'
import type { InjectOptions } from 'fastify'
import { onTestFinished } from 'vitest'
import { buildApp } from '../src/app.ts'
import { configSchema } from '../src/config.ts'
import { browserUserAgent } from './fixtures.ts'

// Secrets of 32 varied bytes, as production accepts (it refuses a repeated byte as weak).
const testSecret = (kid: string) =>
  createHash('sha256').update(`hexad test ${kid}`).digest('base64url')
export const testKeys = {
  current: `k2:${testSecret('k2')}`,
  previous: `k1:${testSecret('k1')}`,
}

/** A mutable clock: tests move it to expire tokens, age the index or cross midnight. */
export function testClock(iso = '2026-06-15T09:00:00Z') {
  let nowMs = Date.parse(iso)
  return {
    now: () => nowMs,
    advance: (ms: number) => void (nowMs += ms),
  }
}

export interface TestAppOptions {
  db?: Db
  env?: Record<string, string>
  now?: () => number
}

/**
 * ad-api as the tests drive it: quiet logs, the test keys, the given database and clock, and
 * analytics records in a temporary folder of its own, removed once the test has finished.
 */
export async function buildTestApp(options: TestAppOptions = {}) {
  const analyticsDir = mkdtempSync(join(tmpdir(), 'ad-api-test-'))
  // After afterEach (where apps close and flush their records), not in an onClose hook: those
  // run in reverse order, so ours would come before the analytics writer's final flush.
  onTestFinished(() => rmSync(analyticsDir, { recursive: true, force: true }))
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AD_TOKEN_KEYS: `${testKeys.current},${testKeys.previous}`,
    PUBLIC_BASE_URL: 'https://ads.example.test',
    ANALYTICS_LOG_DIR: analyticsDir,
    POD_NAME: 'test-pod',
    ...options.env,
  }
  const app = await buildApp(loadConfig(configSchema, env), {
    env,
    db: options.db,
    now: options.now,
  })
  await app.ready()
  // light-my-request's own user agent, 'lightMyRequest', is on isbot's list: requests would be
  // bots' unless they say otherwise. The tests speak as a browser, and say so when they are not.
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => unknown
  app.inject = ((options: InjectOptions | string) => {
    const given = typeof options === 'string' ? { url: options } : options
    return inject({ ...given, headers: { 'user-agent': browserUserAgent, ...given.headers } })
  }) as typeof app.inject
  return app
}

/** Every record of `tag` written so far, as on disk (flushed first). */
export async function analyticsRecords(app: ServiceInstance, tag: string) {
  await app.analytics.flush()
  const records: Record<string, unknown>[] = []
  for (const file of await listAnalyticsFiles(app.analytics.dir)) {
    if (file.tag === tag) records.push(...(await readAnalyticsFile(file.path)).records)
  }
  return records
}
