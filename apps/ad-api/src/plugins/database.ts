import { createDb, prepareDatabase, type Db } from '@hexad/db'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

export interface DatabaseOptions {
  url: string | undefined
  /** A database someone else owns and closes (tests): used as is, never migrated or seeded. */
  db?: Db
  /** Development: bring the schema up and seed the demo campaigns, so `pnpm dev` just works. */
  prepare: boolean
}

// Deliberately no readiness check on the database: ads are served from the in-memory index, so
// an unreachable database must not take the pod out of the load balancer (see campaign-index).
export const databasePlugin = fp<DatabaseOptions>(
  async function database(app: FastifyInstance, options) {
    if (options.db) {
      app.decorate('db', options.db)
      return
    }
    const handle = createDb(options.url)
    const { db, engine, location } = handle
    app.decorate('db', db)
    app.addHook('onClose', () => db.destroy())
    // `pnpm dev` starts console-api beside us on the same SQLite file: prepareDatabase makes the
    // two take turns instead of racing through the migrations.
    if (options.prepare) await prepareDatabase(handle, { migrate: true, seed: true })
    app.log.info({ engine, location }, 'database configured')
  },
  { name: 'database' },
)
