import { toSqlDateTime, type Db } from '@hexad/db'
import type { AuthContext } from '../plugins/session-auth.ts'

export async function findSessionUser(
  db: Db,
  id: string,
  now: Date,
): Promise<AuthContext | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('advertisers', 'advertisers.id', 'users.advertiser_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'users.id as userId',
      'users.email',
      'advertisers.id as advertiserId',
      'advertisers.name as advertiserName',
      'advertisers.time_zone as timeZone',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', toSqlDateTime(now))
    .executeTakeFirst()
  return row
}

export async function createSession(
  db: Db,
  session: { id: string; userId: number; csrfToken: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Each login sweeps that user's expired sessions, so the table doesn't grow without bound.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', session.userId)
      .where('expires_at', '<=', toSqlDateTime(session.now))
      .execute()
    await trx
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        expires_at: toSqlDateTime(session.expiresAt),
        created_at: toSqlDateTime(session.now),
      })
      .execute()
  })
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a user, or every one but `except` (the one asking). */
export async function deleteUserSessions(db: Db, userId: number, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (except !== undefined) query = query.where('id', '!=', except)
  await query.execute()
}
