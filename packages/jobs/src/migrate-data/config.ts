import { loadConfig } from '@hexad/service-kit'
import Type, { type Static } from 'typebox'
import { s3ConfigProperties } from '../shared/s3.ts'

export const DEFAULT_TABLES = 'advertisers,users,campaigns,creatives,daily_stats'

export const migrateConfigSchema = Type.Object({
  SOURCE_DATABASE_URL: Type.String({ pattern: '^mysql://' }),
  TARGET_DATABASE_URL: Type.String({ pattern: '^mysql://' }),
  ...s3ConfigProperties,
  S3_BUCKET: Type.String({ minLength: 1 }),
  S3_PREFIX: Type.String({ default: 'migrate-data/' }),
  // sessions is left out on purpose: prd's login tokens have no business on stg.
  MIGRATE_TABLES: Type.String({
    pattern: '^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$',
    default: DEFAULT_TABLES,
  }),
})

export type MigrateConfig = Static<typeof migrateConfigSchema>

export function loadMigrateConfig(env = process.env): MigrateConfig {
  return loadConfig(migrateConfigSchema, env)
}
