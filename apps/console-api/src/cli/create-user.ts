// node src/cli/create-user.ts --advertiser <name> --email <address> [--time-zone Asia/Tokyo]
// `pnpm --filter @hexad/console-api create-user …` on a laptop; in a cluster the Job of
// k8s/<env>/create-user.yaml runs it in the console-api image. Creates an advertiser and its
// first user against DATABASE_URL (migrated first, as console-api does at start) and prints the
// generated password once, on stdout only: it is stored nowhere in clear and never logged.
import { parseArgs } from 'node:util'
import { createDb, migrateToLatest } from '@hexad/db'
import { createFirstUser, FirstUserError } from '../first-user.ts'

const USAGE = 'usage: create-user --advertiser <name> --email <address> [--time-zone <IANA zone>]\n'

const { values } = parseArgs({
  options: {
    advertiser: { type: 'string' },
    email: { type: 'string' },
    'time-zone': { type: 'string' },
  },
})
if (!values.advertiser || !values.email) {
  process.stderr.write(USAGE)
  process.exit(2)
}

const { db, location } = createDb(process.env.DATABASE_URL)
try {
  await migrateToLatest(db)
  const user = await createFirstUser(db, {
    advertiser: values.advertiser,
    email: values.email,
    timeZone: values['time-zone'],
  })
  process.stdout.write(
    [
      `created advertiser ${user.advertiserId} "${values.advertiser.trim()}" and its user ${user.email} in ${location}`,
      `password: ${user.password}`,
      'It is shown only this once: keep it in a password manager now.',
      '',
    ].join('\n'),
  )
} catch (err) {
  process.stderr.write(`create-user: ${(err as Error).message}\n`)
  process.exitCode = err instanceof FirstUserError ? 1 : 3
} finally {
  await db.destroy()
}
