import { DEFAULT_TIME_ZONE } from '@hexad/contracts/zoned-days'
import { sql, type Kysely, type Transaction } from 'kysely'
import {
  REPORTS_WATERMARK_JOB,
  readJobWatermark,
  toSqlDateTime,
  type Database,
  type DbHandle,
  type Engine,
  type NewDailyStat,
} from '@hexad/db'

/** Every record written before it is counted (epoch ms), or undefined before the first run. */
export function readWatermark(db: Kysely<Database>): Promise<number | undefined> {
  return readJobWatermark(db, REPORTS_WATERMARK_JOB)
}

// Rows per INSERT: well under both engines' limits on bound parameters (4 per row).
const BATCH = 500

/** The advertisers' time zones, each once (UTC when there is no advertiser yet): what to plan. */
export async function timeZonesInUse(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('advertisers').select('time_zone').distinct().execute()
  const zones = rows.map((r) => r.time_zone).sort()
  return zones.length > 0 ? zones : [DEFAULT_TIME_ZONE]
}

/** Every campaign's advertiser's time zone: the zone whose days the campaign counts in. */
export async function campaignZones(db: Kysely<Database>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('campaigns')
    .innerJoin('advertisers', 'advertisers.id', 'campaigns.advertiser_id')
    .select(['campaigns.id', 'advertisers.time_zone'])
    .execute()
  return new Map(rows.map((r) => [r.id, r.time_zone]))
}

/** The campaigns among `ids` that exist: daily_stats has a foreign key to campaigns. */
export async function existingCampaigns(db: Kysely<Database>, ids: number[]): Promise<Set<number>> {
  const found = new Set<number>()
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db
      .selectFrom('campaigns')
      .select('id')
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute()
    for (const row of rows) found.add(row.id)
  }
  return found
}

/**
 * Sets (never adds to) the counts of each (date, campaign) and moves the watermark, in one
 * transaction: either the whole run is stored or none of it.
 */
export async function storeResults(
  handle: DbHandle,
  rows: NewDailyStat[],
  nextWatermark: number | undefined,
): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await upsertDailyStats(trx, handle.engine, rows.slice(i, i + BATCH))
    }
    if (nextWatermark !== undefined) await writeWatermark(trx, nextWatermark)
  })
}

/** MySQL says ON DUPLICATE KEY UPDATE, SQLite ON CONFLICT … DO UPDATE: same effect. */
function upsertDailyStats(trx: Transaction<Database>, engine: Engine, rows: NewDailyStat[]) {
  const insert = trx.insertInto('daily_stats').values(rows)
  const query =
    engine === 'mysql'
      ? // VALUES(col) rather than MySQL 8's row alias: MariaDB (local, CI) only knows VALUES().
        insert.onDuplicateKeyUpdate({
          impressions: sql`VALUES(impressions)`,
          clicks: sql`VALUES(clicks)`,
        })
      : insert.onConflict((conflict) =>
          conflict.columns(['date', 'campaign_id']).doUpdateSet((eb) => ({
            impressions: eb.ref('excluded.impressions'),
            clicks: eb.ref('excluded.clicks'),
          })),
        )
  return query.execute()
}

async function writeWatermark(trx: Transaction<Database>, position: number): Promise<void> {
  const values = {
    position: toSqlDateTime(new Date(position)),
    updated_at: toSqlDateTime(new Date()),
  }
  const updated = await trx
    .updateTable('job_watermarks')
    .set(values)
    .where('job', '=', REPORTS_WATERMARK_JOB)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) {
    await trx
      .insertInto('job_watermarks')
      .values({ job: REPORTS_WATERMARK_JOB, ...values })
      .execute()
  }
}
