import type { Database, Db } from '@hexad/db'
import { sql } from 'kysely'

// Every table console-api reads or writes; `satisfies` makes a table added to the database
// without a line here a type error.
const tables = {
  advertisers: true,
  users: true,
  sessions: true,
  campaigns: true,
  creatives: true,
  daily_stats: true,
  hourly_stats: true,
  job_watermarks: true,
  login_attempts: true,
} as const satisfies Record<keyof Database, true>

/**
 * /readyz's database check: each table answers a query, not just the server (`select 1` stayed
 * fine after the tables were dropped, or before a migration had run, while every route failed).
 */
export async function tablesAnswer(db: Db): Promise<void> {
  await Promise.all(
    Object.keys(tables).map((table) =>
      db
        .selectFrom(table as keyof Database)
        .select(sql`1`.as('one'))
        .limit(1)
        .execute(),
    ),
  )
}
