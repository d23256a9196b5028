import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from './passwords.ts'
import {
  createTestDb,
  insertAdvertiser,
  insertCampaign,
  insertUser,
  testEngines,
  type TestDb,
} from './testing.ts'

describe.each(testEngines)('row builders on %s', (engine) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t?.destroy())

  const now = new Date('2026-06-15T09:00:00Z')
  const creativesOf = (campaignId: number) =>
    t.db
      .selectFrom('creatives')
      .select(['title', 'created_at'])
      .where('campaign_id', '=', campaignId)
      .orderBy('id')
      .execute()

  it('makes a campaign that runs a week either side of now, anywhere, with one creative', async () => {
    const advertiser_id = await insertAdvertiser(t.db, { now })
    const id = await insertCampaign(t.db, { advertiser_id, now })
    const campaign = await t.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(campaign).toMatchObject({
      advertiser_id,
      status: 'active',
      start_date: '2026-06-08',
      end_date: '2026-06-22',
      geo_lat: null,
      geo_radius_m: null,
      daily_impression_cap: null,
      created_at: '2026-06-15 09:00:00',
    })
    expect(await creativesOf(id)).toEqual([
      { title: 'Creative 1', created_at: '2026-06-15 09:00:00' },
    ])
  })

  it('takes a fence, overrides and the creatives asked for', async () => {
    const advertiser_id = await insertAdvertiser(t.db, { name: 'Fenced' })
    const id = await insertCampaign(t.db, {
      advertiser_id,
      now,
      status: 'paused',
      fence: { lat: 35.6595, lng: 139.7005, radiusM: 800 },
      creatives: [{}, { title: 'Second' }],
    })
    const campaign = await t.db
      .selectFrom('campaigns')
      .select(['status', 'geo_lat', 'geo_lng', 'geo_radius_m'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(campaign).toEqual({
      status: 'paused',
      geo_lat: 35.6595,
      geo_lng: 139.7005,
      geo_radius_m: 800,
    })
    expect((await creativesOf(id)).map((c) => c.title)).toEqual(['Creative 1', 'Second'])
    const bare = await insertCampaign(t.db, { advertiser_id, creatives: 0 })
    expect(await creativesOf(bare)).toEqual([])
  })

  it('stores a user with the hash of the password given', async () => {
    const advertiser_id = await insertAdvertiser(t.db)
    const id = await insertUser(t.db, { advertiser_id, email: 'a@b.example', password: 'secret-1' })
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(await verifyPassword('secret-1', user.password_hash)).toBe(true)
  })
})
