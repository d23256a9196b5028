import { createDb, prepareDatabase, type Db, type PrepareOptions } from '@hexad/db'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's database (see @hexad/db); present once `databasePlugin` is registered. */
    db: Db
  }
}

/** What /readyz asks of the database: resolves when it is fit to serve, throws when not. */
type DatabaseReadiness = (db: Db) => Promise<unknown>

export interface DatabaseOptions {
  /** DATABASE_URL: `mysql://…` or `sqlite:…`; unset means the embedded SQLite file. */
  url: string | undefined
  /** A database someone else owns and closes (tests): used as is, never migrated or seeded. */
  db?: Db
  /** Bring the schema up and/or seed the demo data at start (default neither). */
  prepare?: PrepareOptions
  /**
   * The readiness check; default: the database answers `select 1`. `false` for a service that
   * serves from memory, which an unreachable database must not take out of the load balancer.
   */
  readiness?: DatabaseReadiness | false
}

const answers: DatabaseReadiness = (db) => sql`select 1`.execute(db)

/** `app.db`, opened from DATABASE_URL, prepared as asked, checked by /readyz, closed on close. */
export const databasePlugin = fp<DatabaseOptions>(
  async function database(app: FastifyInstance, options) {
    const db = options.db ?? (await open(app, options))
    app.decorate('db', db)
    const readiness = options.readiness ?? answers
    if (readiness) app.readiness.addCheck('database', () => readiness(db))
  },
  { name: '@hexad/database', fastify: '5.x', dependencies: ['@hexad/health'] },
)

async function open(app: FastifyInstance, options: DatabaseOptions): Promise<Db> {
  const handle = createDb(options.url)
  const { db, engine, location } = handle
  app.addHook('onClose', () => db.destroy())
  // `pnpm dev` starts console-api and ad-api on the same SQLite file: prepareDatabase makes the
  // two take turns instead of racing through the migrations.
  if (options.prepare?.migrate || options.prepare?.seed) {
    const { applied, seeded } = await prepareDatabase(handle, options.prepare)
    if (applied.length > 0) app.log.info({ applied }, 'database migrated')
    if (seeded) app.log.info('demo data seeded')
  }
  app.log.info({ engine, location }, 'database opened')
  return db
}
