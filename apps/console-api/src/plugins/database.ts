import { createDb, prepareDatabase, type Db } from '@hexad/db'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

export interface DatabaseOptions {
  url: string | undefined
  migrate: boolean
  seed: boolean
}

export const databasePlugin = fp<DatabaseOptions>(
  async function database(app: FastifyInstance, options) {
    const handle = createDb(options.url)
    const { db, engine, location } = handle
    app.decorate('db', db)
    app.addHook('onClose', () => db.destroy())
    const { applied, seeded } = await prepareDatabase(handle, {
      migrate: options.migrate,
      seed: options.seed,
    })
    if (applied.length > 0) app.log.info({ applied }, 'database migrated')
    if (seeded) app.log.info('demo data seeded')
    app.readiness.addCheck('database', () => sql`select 1`.execute(db))
    app.log.info({ engine, location }, 'database ready')
  },
  { name: 'database', dependencies: ['@hexad/health'] },
)
