// Frozen: a migration that has run anywhere is never edited. Change the schema with a new file.
import type { Kysely } from 'kysely'

// Reports by creative and by hour (issue 19): aggregate-reports' counts per campaign, creative
// and hour of the advertiser's day, the finest grain it counts at. Reports by creative and by hour
// are sums over it, and daily_stats holds the same day's sums, written in the same transaction.
// `date` is the advertiser's day the hour belongs to (what a report's range selects), `hour_start`
// the UTC instant that local hour began: a 25-hour day has two rows at local 01:00, told apart by
// it. No foreign key to creatives: a deleted creative's traffic stays in its campaign's totals.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hourly_stats')
    .addColumn('campaign_id', 'integer', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('hour_start', 'datetime', (c) => c.notNull())
    .addColumn('creative_id', 'integer', (c) => c.notNull())
    .addColumn('impressions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('hourly_stats_pk', [
      'campaign_id',
      'date',
      'hour_start',
      'creative_id',
    ])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hourly_stats').execute()
}
