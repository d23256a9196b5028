// `pnpm --filter @hexad/db migrate`: bring DATABASE_URL (or the embedded file) to the latest schema.
import { createDb } from '../create-db.ts'
import { migrateToLatest } from '../migrate.ts'

const { db, location } = createDb(process.env.DATABASE_URL)
try {
  const applied = await migrateToLatest(db)
  console.log(
    applied.length ? `applied ${applied.join(', ')} to ${location}` : `${location} is up to date`,
  )
} catch (err) {
  console.error((err as Error).message)
  process.exitCode = 1
} finally {
  await db.destroy()
}
