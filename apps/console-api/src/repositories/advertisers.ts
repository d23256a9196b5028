import { toSqlDateTime, type Db } from '@hexad/db'

export interface NewAccount {
  advertiserName: string
  /** An IANA zone, checked with isTimeZone already. */
  timeZone: string
  /** Lower-cased already: users.email is stored that way. */
  email: string
  passwordHash: string
  now: Date
}

/** An advertiser and its first user in one transaction; undefined if the email is taken. */
export async function createAdvertiserWithUser(
  db: Db,
  account: NewAccount,
): Promise<{ advertiserId: number; userId: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', account.email)
      .executeTakeFirst()
    if (taken) return undefined
    const createdAt = toSqlDateTime(account.now)
    const advertiser = await trx
      .insertInto('advertisers')
      .values({
        name: account.advertiserName,
        time_zone: account.timeZone,
        created_at: createdAt,
      })
      .executeTakeFirstOrThrow()
    const advertiserId = Number(advertiser.insertId)
    const user = await trx
      .insertInto('users')
      .values({
        advertiser_id: advertiserId,
        email: account.email,
        password_hash: account.passwordHash,
        created_at: createdAt,
      })
      .executeTakeFirstOrThrow()
    return { advertiserId, userId: Number(user.insertId) }
  })
}
