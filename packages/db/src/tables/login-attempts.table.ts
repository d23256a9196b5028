import type { Insertable, Selectable } from 'kysely'

/** Failed logins under one key (a SHA-256 of what is limited), UTC 'YYYY-MM-DD HH:MM:SS'. */
export interface LoginAttemptsTable {
  key: string
  /** Failures since window_started_at. */
  failures: number
  window_started_at: string
  last_failed_at: string
}

export type LoginAttempt = Selectable<LoginAttemptsTable>
export type NewLoginAttempt = Insertable<LoginAttemptsTable>
