// Test support for every package that touches the database: a fresh, migrated database per call,
// on SQLite always and on MySQL when TEST_MYSQL_URL is set (CI sets it; unreachable means fail),
// and the row builders to fill it.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConnection } from 'mysql2/promise'
import { createDb, type DbHandle, type Engine } from './create-db.ts'
import { migrateToLatest } from './migrate.ts'

export * from './rows.ts'

export const testEngines: Engine[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite']

/** Why a MySQL-only test cannot run here (test-support's `skipBecause` takes it); undefined if it can. */
export const mysqlMissing = process.env.TEST_MYSQL_URL ? undefined : 'no TEST_MYSQL_URL'

export interface TestDb extends DbHandle {
  /** The URL the services take as DATABASE_URL to reach this same database. */
  url: string
  destroy(): Promise<void>
}

/** An empty database of its own, and how to remove it once its pool is closed. */
interface Scratch {
  url: string
  remove(): Promise<void>
}

export async function createTestDb(engine: Engine): Promise<TestDb> {
  const scratch = engine === 'sqlite' ? sqliteScratch() : await mysqlScratch()
  const handle = createDb(scratch.url)
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url: scratch.url,
    async destroy() {
      await handle.db.destroy()
      await scratch.remove()
    },
  }
}

// A file rather than :memory:, so a service under test can open the same database by URL.
function sqliteScratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'hexad-db-'))
  return {
    url: `sqlite:${join(dir, 'test.sqlite')}`,
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

async function mysqlScratch(): Promise<Scratch> {
  const server = new URL(process.env.TEST_MYSQL_URL ?? '')
  const name = `hexad_t_${randomBytes(4).toString('hex')}`
  const admin = await createConnection({
    uri: `mysql://${server.username}:${server.password}@${server.host}/`,
  })
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
  return {
    url: new URL(`/${name}`, server).toString(),
    async remove() {
      await admin.query(`DROP DATABASE ${name}`)
      await admin.end()
    },
  }
}
