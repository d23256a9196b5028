import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '@hexad/db'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig, serviceConfigSchema } from './config.ts'
import { createService, type ServiceInstance } from './create-service.ts'
import { databasePlugin, type DatabaseOptions } from './database.ts'

let dir: string
let url: string
let app: ServiceInstance | undefined

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'service-database-'))
  url = `sqlite:${join(dir, 'service.sqlite')}`
})
afterEach(async () => {
  await app?.close()
  app = undefined
  await rm(dir, { recursive: true, force: true })
})

async function start(options: DatabaseOptions) {
  const config = loadConfig(serviceConfigSchema({}), { NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  app = await createService({ config })
  await app.register(databasePlugin, options)
  await app.ready()
  return app
}

const tables = (db: Db) => db.introspection.getTables().then((t) => t.map((table) => table.name))
const readyz = async () => (await app!.inject('/readyz')).json()

describe('databasePlugin', () => {
  it('opens DATABASE_URL as app.db, checked by /readyz, and closes it with the app', async () => {
    await start({ url })
    expect(await tables(app!.db)).toEqual([]) // nothing prepared unless asked
    expect(await readyz()).toEqual({ status: 'ok', checks: { database: 'ok' } })
    const { db } = app!
    await app!.close()
    app = undefined
    await expect(tables(db)).rejects.toThrow()
  })

  it('migrates and seeds when asked', async () => {
    await start({ url, prepare: { migrate: true, seed: true } })
    expect(await tables(app!.db)).toContain('campaigns')
    const advertisers = await app!.db.selectFrom('advertisers').select('name').execute()
    expect(advertisers).toEqual([{ name: 'Hexad Demo Coffee' }])
  })

  it('uses a database it is given as is, and leaves it open', async () => {
    const given = createDb(url)
    try {
      await start({ url: undefined, db: given.db, prepare: { migrate: true, seed: true } })
      expect(app!.db).toBe(given.db)
      expect(await tables(given.db)).toEqual([])
      await app!.close()
      app = undefined
      expect(await tables(given.db)).toEqual([])
    } finally {
      await given.db.destroy()
    }
  })

  it('asks the readiness check it is given, or none at all', async () => {
    await start({
      url,
      readiness: async (db) => {
        if (!(await tables(db)).includes('campaigns')) throw new Error('no campaigns table')
      },
    })
    expect(await readyz()).toEqual({
      status: 'unavailable',
      checks: { database: 'no campaigns table' },
    })
    await app!.close()
    await start({ url, readiness: false })
    expect(await readyz()).toEqual({ status: 'ok', checks: {} })
  })
})
