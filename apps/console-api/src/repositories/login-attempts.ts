import { toSqlDateTime, type Db, type LoginAttempt } from '@hexad/db'

export async function findLoginAttempts(db: Db, keys: string[]): Promise<LoginAttempt[]> {
  return db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute()
}

/**
 * One more failure under `key`: counted in the current window, or starting a new one when the
 * window began before `windowStart`. An update first, an insert when there was no row; when two
 * replicas insert the same new key at once, the loser's insert fails and it updates instead.
 */
export async function recordLoginFailure(
  db: Db,
  key: string,
  now: Date,
  windowStart: Date,
): Promise<void> {
  const at = toSqlDateTime(now)
  const update = () =>
    db
      .updateTable('login_attempts')
      .set((eb) => {
        const expired = eb('window_started_at', '<', toSqlDateTime(windowStart))
        return {
          failures: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('failures', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when(expired)
            .then(at)
            .else(eb.ref('window_started_at'))
            .end(),
          last_failed_at: at,
        }
      })
      .where('key', '=', key)
      .executeTakeFirst()
  if ((await update()).numUpdatedRows > 0n) return
  try {
    await db
      .insertInto('login_attempts')
      .values({ key, failures: 1, window_started_at: at, last_failed_at: at })
      .execute()
  } catch (err) {
    if ((await update()).numUpdatedRows === 0n) throw err
  }
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute()
}
