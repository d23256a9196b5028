// Test support for every package that touches the database: a fresh, migrated database per call,
// on SQLite always and on MySQL when TEST_MYSQL_URL is set (CI sets it; unreachable means fail).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConnection } from 'mysql2/promise'
import { createDb, type DbHandle, type Engine } from './create-db.ts'
import { migrateToLatest } from './migrate.ts'

export const testEngines: Engine[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite']

export interface TestDb extends DbHandle {
  /** The URL the services take as DATABASE_URL to reach this same database. */
  url: string
  destroy(): Promise<void>
}

export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'sqlite') {
    // A file rather than :memory:, so a service under test can open the same database by URL.
    const dir = mkdtempSync(join(tmpdir(), 'hexad-db-'))
    const url = `sqlite:${join(dir, 'test.sqlite')}`
    const handle = createDb(url)
    await migrateToLatest(handle.db)
    return {
      ...handle,
      url,
      async destroy() {
        await handle.db.destroy()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const server = new URL(process.env.TEST_MYSQL_URL ?? '')
  const name = `hexad_t_${randomBytes(4).toString('hex')}`
  const admin = await createConnection({
    uri: `mysql://${server.username}:${server.password}@${server.host}/`,
  })
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
  const url = new URL(`/${name}`, server).toString()
  const handle = createDb(url)
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url,
    async destroy() {
      await handle.db.destroy()
      await admin.query(`DROP DATABASE ${name}`)
      await admin.end()
    },
  }
}
