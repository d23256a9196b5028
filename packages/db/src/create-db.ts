import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, MysqlDialect } from 'kysely'
import { createPool, type TypeCastField, type TypeCastNext } from 'mysql2'
import type { Database } from './database.ts'
import { nodeSqliteDialect } from './node-sqlite-dialect.ts'
import { defaultSqlitePath } from './default-sqlite-path.ts'

export type Engine = 'mysql' | 'sqlite'

export interface DbHandle {
  db: Kysely<Database>
  engine: Engine
  /** Where the data lives, without credentials: safe to log. */
  location: string
}

// MySQL booleans are TINYINT(1): give them to the code as booleans, everything else untouched.
function typeCast(field: TypeCastField, next: TypeCastNext): unknown {
  if (field.type === 'TINY' && field.length === 1) {
    const value = field.string()
    return value === null ? null : value === '1'
  }
  return next()
}

function mysqlDialect(url: URL): MysqlDialect {
  const pool = createPool({
    uri: url.toString(),
    connectionLimit: Number(url.searchParams.get('connectionLimit') ?? 10),
    timezone: 'Z',
    // Dates as 'YYYY-MM-DD[ HH:MM:SS]' text, as SQLite returns them; sums as numbers, not strings.
    dateStrings: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    typeCast,
    enableKeepAlive: true,
  })
  return new MysqlDialect({ pool })
}

/**
 * `mysql://user:pass@host:3306/db` → a mysql2 pool (Aurora in production).
 * `sqlite:<path>` or nothing → an embedded SQLite file (default `<workspace>/.data/hexad.sqlite`),
 * so a laptop needs no database server. `sqlite::memory:` is an in-memory database.
 */
export function createDb(databaseUrl?: string): DbHandle {
  if (!databaseUrl || databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl ? databaseUrl.slice('sqlite:'.length) : defaultSqlitePath()
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    return {
      db: new Kysely<Database>({ dialect: nodeSqliteDialect(path) }),
      engine: 'sqlite',
      location: path,
    }
  }
  const url = new URL(databaseUrl)
  if (url.protocol !== 'mysql:') {
    throw new Error(`DATABASE_URL must start with mysql:// or sqlite: (got ${url.protocol}//…)`)
  }
  return {
    db: new Kysely<Database>({ dialect: mysqlDialect(url) }),
    engine: 'mysql',
    location: `mysql://${url.host}${url.pathname}`,
  }
}
