import { readEnv } from '../shared/env.ts'
import { s3Env } from '../shared/s3.ts'

export const DEFAULT_TABLES = 'advertisers,users,campaigns,creatives,daily_stats,hourly_stats'

const mysqlUrl = {
  required: true,
  pattern: /^mysql:\/\/\S+$/,
  expected: 'mysql://user:pass@host:3306/db',
}

export function loadMigrateConfig(env = process.env) {
  const values = readEnv(
    {
      SOURCE_DATABASE_URL: mysqlUrl,
      TARGET_DATABASE_URL: mysqlUrl,
      ...s3Env,
      S3_BUCKET: { required: true },
      S3_PREFIX: { default: 'migrate-data/' },
      // sessions is left out on purpose: prd's login tokens have no business on stg.
      MIGRATE_TABLES: {
        default: DEFAULT_TABLES,
        pattern: /^\w+(,\w+)*$/,
        expected: 'table names separated by commas',
      },
    },
    env,
  )
  // readEnv has checked the required ones; say so to the type checker.
  return values as typeof values &
    Record<
      'SOURCE_DATABASE_URL' | 'TARGET_DATABASE_URL' | 'S3_BUCKET' | 'S3_PREFIX' | 'MIGRATE_TABLES',
      string
    >
}
