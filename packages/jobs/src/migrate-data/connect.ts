import type { Readable } from 'node:stream'
import { createConnection } from 'mysql2'
import type { Connection } from 'mysql2/promise'
import { UsageError } from '../shared/cli.ts'

export interface MysqlTarget {
  /** The variable it came from, for messages: SOURCE_DATABASE_URL or TARGET_DATABASE_URL. */
  variable: string
  url: URL
  host: string
  database: string
  /** mysql://host:port/db, without credentials: safe to print. */
  location: string
}

export function parseMysqlUrl(variable: string, text: string): MysqlTarget {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${variable} is not a URL (mysql://user:pass@host:3306/database)`)
  }
  const database = decodeURIComponent(url.pathname.slice(1))
  if (url.protocol !== 'mysql:' || database === '' || database.includes('/')) {
    throw new UsageError(`${variable} must be mysql://user:pass@host:3306/database`)
  }
  return {
    variable,
    url,
    host: url.hostname,
    database,
    location: `mysql://${url.host}/${database}`,
  }
}

/** A connection's promise API, plus the row stream only mysql2's callback API offers. */
export interface Session {
  sql: Connection
  /** Rows as arrays, paused while the consumer is behind (mysql2 stops reading the socket). */
  stream(query: string): Readable
}

/**
 * One connection per side, not a pool: a table is read in one snapshot and loaded in one
 * transaction. Values travel as text where JavaScript could round them (dates, DECIMAL, BIGINT),
 * so what is written to stg is what prd returned.
 */
export async function connect(target: MysqlTarget): Promise<Session> {
  const core = createConnection({
    uri: target.url.toString(),
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
  })
  const sql = core.promise()
  try {
    // TIMESTAMP columns convert through the session zone: the same zone on both sides.
    await sql.query(`SET time_zone = '+00:00'`)
  } catch (err) {
    core.destroy()
    throw new Error(`cannot connect to ${target.location} (${target.variable})`, { cause: err })
  }
  return {
    sql,
    stream: (query) =>
      core.query({ sql: query, rowsAsArray: true }).stream({ highWaterMark: 1000 }),
  }
}
