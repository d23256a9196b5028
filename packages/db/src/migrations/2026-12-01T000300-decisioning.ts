// Frozen: a migration that has run anywhere is never edited. Change the schema with a new file.
import type { Kysely } from 'kysely'

// Ad decisioning (issue 20): a campaign's weight within its priority class, how its daily cap is
// spent over the advertiser's day, and its cap per reader; a creative's call to action. Defaults
// keep every existing campaign as it was served (weight 1, even pacing, no cap per reader).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .alterTable('campaigns')
    .addColumn('pacing', 'varchar(8)', (c) => c.notNull().defaultTo('even'))
    .execute()
  await db.schema.alterTable('campaigns').addColumn('frequency_cap', 'integer').execute()
  await db.schema.alterTable('creatives').addColumn('cta', 'varchar(40)').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('creatives').dropColumn('cta').execute()
  await db.schema.alterTable('campaigns').dropColumn('frequency_cap').execute()
  await db.schema.alterTable('campaigns').dropColumn('pacing').execute()
  await db.schema.alterTable('campaigns').dropColumn('weight').execute()
}
