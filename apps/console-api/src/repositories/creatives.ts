import {
  toSqlDateTime,
  type Creative,
  type CreativeUpdate,
  type Db,
  type NewCreative,
} from '@hexad/db'

// Callers check that the campaign belongs to the advertiser first; these then scope by campaign.

export function listCreatives(db: Db, campaignId: number): Promise<Creative[]> {
  return db
    .selectFrom('creatives')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute()
}

export function findCreative(
  db: Db,
  campaignId: number,
  id: number,
): Promise<Creative | undefined> {
  return db
    .selectFrom('creatives')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertCreative(db: Db, values: NewCreative): Promise<Creative> {
  const result = await db.insertInto('creatives').values(values).executeTakeFirstOrThrow()
  const created = await findCreative(db, values.campaign_id, Number(result.insertId))
  if (!created) throw new Error('inserted creative not found')
  return created
}

export async function updateCreative(
  db: Db,
  campaignId: number,
  id: number,
  changes: CreativeUpdate,
  now: Date,
): Promise<Creative | undefined> {
  await db
    .updateTable('creatives')
    .set({ ...changes, updated_at: toSqlDateTime(now) })
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .execute()
  return findCreative(db, campaignId, id)
}

export async function deleteCreative(db: Db, campaignId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('creatives')
    .where('campaign_id', '=', campaignId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
