// The `build(t)` helper of fastify/demo, adapted: a console-api on a fresh database per engine,
// with the demo tenant seeded and a second tenant to prove isolation.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listAnalyticsFiles, readAnalyticsFile } from '@hexad/analytics-log'
import { seedDemoData, demoLogin } from '@hexad/db'
import {
  createTestDb,
  insertAdvertiser,
  insertCampaign,
  insertUser,
  type TestDb,
} from '@hexad/db/testing'
import { loadConfig, type ServiceInstance } from '@hexad/service-kit'
import type { Engine } from '@hexad/db'
import { type BuildOptions, buildApp } from '../src/app.ts'
import { configSchema } from '../src/config.ts'

export const SEEDED_AT = new Date('2026-11-25T09:00:00Z')
export const otherLogin = { email: 'rival@tenant-b.example', password: 'tenant-b-password' }

export interface TestContext {
  app: ServiceInstance
  testDb: TestDb
  otherCampaignId: number
  close(): Promise<void>
  /** Closes the app (flushing analytics) and returns the audit records it wrote, in order. */
  closeAndReadAudit(): Promise<Record<string, unknown>[]>
  /** A second console-api on the same database, as another replica would be; closed by close(). */
  replica(): Promise<ServiceInstance>
}

const POD = 'console-api-test'

export async function build(
  engine: Engine,
  env: Record<string, string> = {},
  logStream?: BuildOptions['logStream'],
): Promise<TestContext> {
  const testDb = await createTestDb(engine)
  await seedDemoData(testDb.db, SEEDED_AT)
  const otherCampaignId = await seedOtherTenant(testDb)
  const analyticsDir = mkdtempSync(join(tmpdir(), 'hexad-console-api-analytics-'))
  const variables = {
    NODE_ENV: 'test',
    ANALYTICS_LOG_DIR: analyticsDir,
    POD_NAME: POD,
    LOG_LEVEL: 'silent',
    DB_MIGRATE_ON_START: 'false',
    ...env,
  }
  const config = loadConfig(configSchema, variables)
  // The app gets its own pool on the same database, as a replica would.
  const app = await buildApp({ ...config, DATABASE_URL: testDb.url }, { env: variables, logStream })
  const replicas: ServiceInstance[] = []
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await Promise.all([app, ...replicas].map((a) => a.close()))
    await testDb.destroy()
  }
  return {
    app,
    testDb,
    otherCampaignId,
    async replica() {
      const pod = { ...variables, POD_NAME: `${POD}-${replicas.length + 2}` }
      const replica = await buildApp({ ...config, DATABASE_URL: testDb.url }, { env: pod })
      replicas.push(replica)
      return replica
    },
    async close() {
      await close()
      rmSync(analyticsDir, { recursive: true, force: true })
    },
    async closeAndReadAudit() {
      await close()
      const records = []
      for (const file of await listAnalyticsFiles(join(analyticsDir, POD))) {
        if (file.tag === 'audit') records.push(...(await readAnalyticsFile(file.path)).records)
      }
      return records
    },
  }
}

async function seedOtherTenant(testDb: TestDb): Promise<number> {
  const now = SEEDED_AT
  const advertiser_id = await insertAdvertiser(testDb.db, { name: 'Tenant B', now })
  await insertUser(testDb.db, { advertiser_id, ...otherLogin, now })
  return insertCampaign(testDb.db, {
    advertiser_id,
    now,
    name: 'Tenant B secret campaign',
    start_date: '2026-11-01',
    end_date: '2026-12-31',
    landing_url: 'https://b.example/',
    creatives: 0,
  })
}

export interface Session {
  cookie: string
  csrfToken: string
  headers: { cookie: string; 'x-csrf-token': string }
}

export async function login(app: ServiceInstance, credentials = demoLogin): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: credentials })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'hexad_session')
  if (!cookie) throw new Error('no session cookie')
  const { csrfToken } = res.json() as { csrfToken: string }
  const header = `hexad_session=${cookie.value}`
  return { cookie: header, csrfToken, headers: { cookie: header, 'x-csrf-token': csrfToken } }
}

/** The `field` of each error detail, sorted: what a form shows beside its inputs. */
export function badFields(body: { details?: { field: string }[] }): string[] {
  return (body.details ?? []).map((d) => d.field).sort()
}
