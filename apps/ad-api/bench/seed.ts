import { createDb, migrateToLatest } from '@hexad/db'
import { insertAdvertiser, insertCampaign } from '@hexad/db/testing'

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
  // A fixed sequence, so every run measures the same layout.
  let state = 12_345
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const points: BenchPoint[] = []
  await db.transaction().execute(async (trx) => {
    const advertiser_id = await insertAdvertiser(trx, { name: 'Bench' })
    for (let i = 0; i < count; i++) {
      const fenced = i % 10 !== 0
      const lat = 35.62 + random() * 0.1
      const lng = 139.68 + random() * 0.12
      if (fenced) points.push({ lat, lng })
      await insertCampaign(trx, {
        advertiser_id,
        name: `Bench campaign ${i + 1}`,
        fence: fenced ? { lat, lng, radiusM: Math.round(200 + random() * 1_300) } : null,
        landing_url: `https://advertiser.example.com/${i + 1}`,
        creatives: [
          {
            title: `Creative ${i + 1}`,
            body: 'Fresh single-origin coffee, two minutes from here.',
            image_url: `https://cdn.example.com/creatives/${i + 1}.png`,
          },
        ],
      })
    }
  })
  await db.destroy()
  return points
}
