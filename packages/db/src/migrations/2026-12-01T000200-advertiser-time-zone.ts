// Frozen: a migration that has run anywhere is never edited. Change the schema with a new file.
import type { Kysely } from 'kysely'

// Each advertiser's IANA time zone (`Asia/Tokyo`): its campaigns' start and end dates, daily
// caps and report days are days in that zone (ARCHITECTURE.md, "An advertiser's day"). Existing
// advertisers keep the UTC days they have had so far.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('advertisers')
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('UTC'))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('advertisers').dropColumn('time_zone').execute()
}
