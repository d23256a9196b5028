import { createDb, migrateToLatest, toSqlDate, toSqlDateTime } from '@hexad/db'

export interface BenchPoint {
  lat: number
  lng: number
}

/**
 * A fresh SQLite file with `count` live campaigns: most fenced (200 m to 1.5 km) somewhere in
 * central Tokyo, one in ten unfenced, no caps. Returns points that lie inside some fence.
 */
export async function seedBenchDatabase(path: string, count: number): Promise<BenchPoint[]> {
  const { db } = createDb(`sqlite:${path}`)
  await migrateToLatest(db)
  const now = new Date()
  const stamp = toSqlDateTime(now)
  const start = toSqlDate(new Date(now.getTime() - 86_400_000))
  const end = toSqlDate(new Date(now.getTime() + 30 * 86_400_000))
  // A fixed sequence, so every run measures the same layout.
  let state = 12_345
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const points: BenchPoint[] = []
  await db.transaction().execute(async (trx) => {
    const advertiser = await trx
      .insertInto('advertisers')
      .values({ name: 'Bench', created_at: stamp })
      .executeTakeFirstOrThrow()
    for (let i = 0; i < count; i++) {
      const fenced = i % 10 !== 0
      const lat = 35.62 + random() * 0.1
      const lng = 139.68 + random() * 0.12
      if (fenced) points.push({ lat, lng })
      const campaign = await trx
        .insertInto('campaigns')
        .values({
          advertiser_id: Number(advertiser.insertId),
          name: `Bench campaign ${i + 1}`,
          status: 'active',
          start_date: start,
          end_date: end,
          geo_lat: fenced ? lat : null,
          geo_lng: fenced ? lng : null,
          geo_radius_m: fenced ? Math.round(200 + random() * 1_300) : null,
          landing_url: `https://advertiser.example.com/${i + 1}`,
          daily_impression_cap: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('creatives')
        .values({
          campaign_id: Number(campaign.insertId),
          title: `Creative ${i + 1}`,
          body: 'Fresh single-origin coffee, two minutes from here.',
          image_url: `https://cdn.example.com/creatives/${i + 1}.png`,
          width: 300,
          height: 250,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
    }
  })
  await db.destroy()
  return points
}
