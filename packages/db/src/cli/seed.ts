// `pnpm --filter @hexad/db seed`: migrate, then add the demo data if the database is empty.
import { createDb } from '../create-db.ts'
import { migrateToLatest } from '../migrate.ts'
import { demoLogin, seedDemoData } from '../seed.ts'

const { db, location } = createDb(process.env.DATABASE_URL)
try {
  await migrateToLatest(db)
  const seeded = await seedDemoData(db)
  console.log(
    seeded ? `seeded ${location}; log in as ${demoLogin.email}` : `${location} already has data`,
  )
} catch (err) {
  console.error((err as Error).message)
  process.exitCode = 1
} finally {
  await db.destroy()
}
