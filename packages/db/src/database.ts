import type { Kysely } from 'kysely'
import type { AdvertisersTable } from './tables/advertisers.table.ts'
import type { CampaignsTable } from './tables/campaigns.table.ts'
import type { CreativesTable } from './tables/creatives.table.ts'
import type { DailyStatsTable } from './tables/daily-stats.table.ts'
import type { HourlyStatsTable } from './tables/hourly-stats.table.ts'
import type { JobWatermarksTable } from './tables/job-watermarks.table.ts'
import type { LoginAttemptsTable } from './tables/login-attempts.table.ts'
import type { SessionsTable } from './tables/sessions.table.ts'
import type { UsersTable } from './tables/users.table.ts'

export interface Database {
  advertisers: AdvertisersTable
  users: UsersTable
  sessions: SessionsTable
  campaigns: CampaignsTable
  creatives: CreativesTable
  daily_stats: DailyStatsTable
  hourly_stats: HourlyStatsTable
  job_watermarks: JobWatermarksTable
  login_attempts: LoginAttemptsTable
}

export type Db = Kysely<Database>
