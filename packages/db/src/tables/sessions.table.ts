import type { Insertable, Selectable } from 'kysely'

/** Server-side login sessions, so any replica can serve any user. */
export interface SessionsTable {
  /** HMAC of the cookie's token: a copy of this table can't be replayed as cookies. */
  id: string
  user_id: number
  /** Synchronizer token the client echoes in X-CSRF-Token on every write. */
  csrf_token: string
  expires_at: string
  created_at: string
}

export type Session = Selectable<SessionsTable>
export type NewSession = Insertable<SessionsTable>
