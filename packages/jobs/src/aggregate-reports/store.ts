import { DEFAULT_TIME_ZONE } from '@hexad/contracts/zoned-days'
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import {
  REPORTS_WATERMARK_JOB,
  readJobWatermark,
  toSqlDateTime,
  type Database,
  type DbHandle,
  type Engine,
  type NewDailyStat,
  type NewHourlyStat,
} from '@hexad/db'

/** Every record written before it is counted (epoch ms), or undefined before the first run. */
export function readWatermark(db: Kysely<Database>): Promise<number | undefined> {
  return readJobWatermark(db, REPORTS_WATERMARK_JOB)
}

// Rows per INSERT: well under both engines' limits on bound parameters (6 per row at most).
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

/** What one run stores: the counts at the finest grain and their sums per day and campaign. */
export interface RunResults {
  daily: NewDailyStat[]
  hourly: NewHourlyStat[]
}

/**
 * Sets (never adds to) the counts of each (date, campaign) and of each hour and creative of it,
 * and moves the watermark, in one transaction: either the whole run is stored or none of it.
 * The hourly rows of each (date, campaign) counted are replaced whole, not only set: a replay
 * first counted in one hour moves to an earlier one when a late file brings its first copy, and
 * the old hour's row must go. A (date, campaign) the run found nothing for keeps its rows, as
 * daily_stats does (a backfill after the files expired wipes nothing), so each day's hourly rows
 * always sum to its daily_stats row.
 */
export async function storeResults(
  handle: DbHandle,
  results: RunResults,
  nextWatermark: number | undefined,
): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (const [date, campaignIds] of campaignsPerDate(results.daily)) {
      for (let i = 0; i < campaignIds.length; i += BATCH) {
        await trx
          .deleteFrom('hourly_stats')
          .where('date', '=', date)
          .where('campaign_id', 'in', campaignIds.slice(i, i + BATCH))
          .execute()
      }
    }
    for (let i = 0; i < results.hourly.length; i += BATCH) {
      await upsertCounts(trx, handle.engine, 'hourly_stats', results.hourly.slice(i, i + BATCH))
    }
    for (let i = 0; i < results.daily.length; i += BATCH) {
      await upsertCounts(trx, handle.engine, 'daily_stats', results.daily.slice(i, i + BATCH))
    }
    if (nextWatermark !== undefined) await writeWatermark(trx, nextWatermark)
  })
}

function campaignsPerDate(rows: NewDailyStat[]): Map<string, number[]> {
  const perDate = new Map<string, number[]>()
  for (const { date, campaign_id } of rows) {
    const ids = perDate.get(date)
    if (ids) ids.push(campaign_id)
    else perDate.set(date, [campaign_id])
  }
  return perDate
}

// Each table's primary key: what a row's counts are set for.
const KEYS: Record<'daily_stats' | 'hourly_stats', readonly string[]> = {
  daily_stats: ['date', 'campaign_id'],
  hourly_stats: ['campaign_id', 'date', 'hour_start', 'creative_id'],
}

/** MySQL says ON DUPLICATE KEY UPDATE, SQLite ON CONFLICT … DO UPDATE: same effect. */
function upsertCounts<T extends keyof typeof KEYS>(
  trx: Transaction<Database>,
  engine: Engine,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  // kysely cannot narrow a generic table name; both tables end in the same two counts.
  const insert = trx.insertInto(table as 'daily_stats').values(rows as NewDailyStat[])
  const query =
    engine === 'mysql'
      ? // VALUES(col) rather than MySQL 8's row alias: MariaDB (local, CI) only knows VALUES().
        insert.onDuplicateKeyUpdate({
          impressions: sql`VALUES(impressions)`,
          clicks: sql`VALUES(clicks)`,
        })
      : insert.onConflict((conflict) =>
          conflict.columns([...KEYS[table]] as (keyof NewDailyStat)[]).doUpdateSet((eb) => ({
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
