// Two real databases on the test MySQL server (TEST_MYSQL_URL's host): a "prd" and a "stg", both
// migrated to the latest schema and marked in hexad_env, dropped by destroy().
import { randomBytes } from 'node:crypto'
import { createDb, migrateToLatest, type DbHandle } from '@hexad/db'
import { createConnection, type Connection } from 'mysql2/promise'

export interface TestDatabase extends DbHandle {
  name: string
  url: string
}

export interface MysqlPair {
  prd: TestDatabase
  stg: TestDatabase
  admin: Connection
  /** Another empty database on the same server (migrated, unmarked), dropped with the pair. */
  extra(label: string): Promise<TestDatabase>
  destroy(): Promise<void>
}

export const mysqlServer = process.env.TEST_MYSQL_URL

export async function createMysqlPair(): Promise<MysqlPair> {
  const server = new URL(mysqlServer ?? '')
  const admin = await createConnection({
    uri: `mysql://${server.username}:${server.password}@${server.host}/`,
  })
  const suffix = randomBytes(4).toString('hex')
  const created: TestDatabase[] = []
  async function database(label: string, env?: string): Promise<TestDatabase> {
    const name = `hexad_jobs_${label}_${suffix}`
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
    const url = new URL(`/${name}`, server).toString()
    const handle = createDb(url)
    created.push({ ...handle, name, url })
    await migrateToLatest(handle.db)
    if (env) {
      await admin.query(`CREATE TABLE ${name}.hexad_env (env VARCHAR(16) NOT NULL PRIMARY KEY)`)
      await admin.query(`INSERT INTO ${name}.hexad_env VALUES (?)`, [env])
    }
    return { ...handle, name, url }
  }
  const prd = await database('prd', 'prd')
  const stg = await database('stg', 'stg')
  return {
    prd,
    stg,
    admin,
    extra: (label) => database(label),
    async destroy() {
      for (const db of created) {
        await db.db.destroy()
        await admin.query(`DROP DATABASE IF EXISTS ${db.name}`)
      }
      await admin.end()
    },
  }
}
