import {
  toSqlDateTime,
  type Campaign,
  type CampaignStatus,
  type CampaignUpdate,
  type Db,
  type NewCampaign,
} from '@hexad/db'

// Every query takes the advertiser: a campaign of another tenant simply does not exist here.

export async function listCampaigns(
  db: Db,
  advertiserId: number,
  page: { status?: CampaignStatus | undefined; limit: number; offset: number },
): Promise<{ items: Campaign[]; total: number }> {
  let query = db.selectFrom('campaigns').where('advertiser_id', '=', advertiserId)
  if (page.status) query = query.where('status', '=', page.status)
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(count.total) }
}

export function findCampaign(
  db: Db,
  advertiserId: number,
  id: number,
): Promise<Campaign | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('advertiser_id', '=', advertiserId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertCampaign(db: Db, values: NewCampaign): Promise<Campaign> {
  const result = await db.insertInto('campaigns').values(values).executeTakeFirstOrThrow()
  const created = await findCampaign(db, values.advertiser_id, Number(result.insertId))
  if (!created) throw new Error('inserted campaign not found')
  return created
}

export async function updateCampaign(
  db: Db,
  advertiserId: number,
  id: number,
  changes: CampaignUpdate,
  now: Date,
): Promise<Campaign | undefined> {
  await db
    .updateTable('campaigns')
    .set({ ...changes, updated_at: toSqlDateTime(now) })
    .where('advertiser_id', '=', advertiserId)
    .where('id', '=', id)
    .execute()
  return findCampaign(db, advertiserId, id)
}

export async function hasDeliveredImpressions(db: Db, campaignId: number): Promise<boolean> {
  const row = await db
    .selectFrom('daily_stats')
    .select('campaign_id')
    .where('campaign_id', '=', campaignId)
    .where('impressions', '>', 0)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export async function deleteCampaign(db: Db, advertiserId: number, id: number): Promise<void> {
  await db
    .deleteFrom('campaigns')
    .where('advertiser_id', '=', advertiserId)
    .where('id', '=', id)
    .execute()
}
