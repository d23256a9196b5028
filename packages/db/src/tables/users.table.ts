import type { Generated, Insertable, Selectable } from 'kysely'

export interface UsersTable {
  id: Generated<number>
  advertiser_id: number
  /** Stored lower-cased so look-ups are case-insensitive on both engines. */
  email: string
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  password_hash: string
  created_at: string
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
