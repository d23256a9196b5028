import { setTimeout as sleep } from 'node:timers/promises'
import { createDb, migrateToLatest, seedDemoData, type Db } from '@hexad/db'
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
    const { db, engine, location } = createDb(options.url)
    app.decorate('db', db)
    app.addHook('onClose', () => db.destroy())
    if (options.prepare) {
      try {
        await prepare(db)
      } catch (err) {
        // `pnpm dev` starts console-api beside us on the same SQLite file; if its migration ran
        // at the same instant ours collides with it. Once it is done, ours finds nothing to do.
        app.log.warn({ err }, 'migrating the development database failed; retrying once')
        await sleep(1_000)
        await prepare(db)
      }
    }
    app.log.info({ engine, location }, 'database configured')
  },
  { name: 'database' },
)

async function prepare(db: Db): Promise<void> {
  await migrateToLatest(db)
  await seedDemoData(db)
}
