import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'
import { demoLogin, seedDemoData } from './seed.ts'
import { createTestDb, insertCreative, insertUser, testEngines, type TestDb } from './testing.ts'
import { toSqlDateTime } from './time.ts'

describe.each(testEngines)('database on %s', (engine) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t?.destroy())

  it('seeds the demo data once', async () => {
    expect(await seedDemoData(t.db, new Date('2026-11-25T12:00:00Z'))).toBe(true)
    expect(await seedDemoData(t.db)).toBe(false)
    const user = await t.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    expect(user.email).toBe(demoLogin.email)
    expect(await verifyPassword(demoLogin.password, user.password_hash)).toBe(true)
  })

  it('returns the same shapes on both engines: dates as text, numbers as numbers', async () => {
    const campaign = await t.db
      .selectFrom('campaigns')
      .selectAll()
      .where('name', '=', 'Shibuya crossing lunch')
      .executeTakeFirstOrThrow()
    expect(campaign.start_date).toBe('2026-10-26')
    expect(campaign.created_at).toBe('2026-11-25 12:00:00')
    expect(campaign.geo_lat).toBe(35.6595)
    expect(typeof campaign.id).toBe('number')
    const totals = await t.db
      .selectFrom('daily_stats')
      .select((eb) => [
        eb.fn.sum<number>('impressions').as('impressions'),
        eb.fn.countAll<number>().as('days'),
      ])
      .where('campaign_id', '=', campaign.id)
      .executeTakeFirstOrThrow()
    expect(typeof Number(totals.impressions)).toBe('number')
    expect(Number(totals.days)).toBe(14)
  })

  it("seeds each day's hours and creatives, summing to the day's totals", async () => {
    const daily = await t.db
      .selectFrom('daily_stats')
      .select(['date', 'campaign_id', 'impressions', 'clicks'])
      .orderBy('campaign_id')
      .orderBy('date')
      .execute()
    const hourly = await t.db
      .selectFrom('hourly_stats')
      .select((eb) => [
        'date',
        'campaign_id',
        eb.fn.sum<number>('impressions').as('impressions'),
        eb.fn.sum<number>('clicks').as('clicks'),
        eb.fn.countAll<number>().as('hours'),
      ])
      .groupBy(['campaign_id', 'date'])
      .orderBy('campaign_id')
      .orderBy('date')
      .execute()
    expect(
      hourly.map((day) => ({
        date: day.date,
        campaign_id: day.campaign_id,
        impressions: Number(day.impressions),
        clicks: Number(day.clicks),
      })),
    ).toEqual(daily)
    // Tokyo days: 24 hours each, the first starting at 15:00 UTC the day before.
    expect(hourly.every((day) => Number(day.hours) === 24)).toBe(true)
    const first = await t.db
      .selectFrom('hourly_stats')
      .select('hour_start')
      .where('date', '=', '2026-11-11')
      .orderBy('hour_start')
      .executeTakeFirstOrThrow()
    expect(first.hour_start).toBe('2026-11-10 15:00:00')
  })

  it('compares stored datetimes correctly', async () => {
    const later = await t.db
      .selectFrom('campaigns')
      .select('id')
      .where('created_at', '>', toSqlDateTime(new Date('2026-11-25T11:59:59Z')))
      .execute()
    expect(later).toHaveLength(5)
  })

  it('enforces foreign keys and unique emails', async () => {
    await expect(insertCreative(t.db, { campaign_id: 999_999 })).rejects.toThrow()
    await expect(
      insertUser(t.db, { advertiser_id: 1, email: demoLogin.email, password: 'x' }),
    ).rejects.toThrow()
  })
})

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse')
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(await verifyPassword('wrong horse', stored)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })
})
