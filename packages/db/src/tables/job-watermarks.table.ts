import type { Insertable, Selectable } from 'kysely'

/** Where a scheduled job stopped (UTC 'YYYY-MM-DD HH:MM:SS'); written by that job (watermarks.ts). */
export interface JobWatermarksTable {
  job: string
  position: string
  updated_at: string
}

export type JobWatermark = Selectable<JobWatermarksTable>
export type NewJobWatermark = Insertable<JobWatermarksTable>
