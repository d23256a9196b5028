import type { Db } from '@hexad/db'

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('advertisers', 'advertisers.id', 'users.advertiser_id')
    .select([
      'users.id',
      'users.email',
      'users.password_hash',
      'advertisers.id as advertiserId',
      'advertisers.name as advertiserName',
      'advertisers.time_zone as timeZone',
    ])
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function findPasswordHash(db: Db, userId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.password_hash
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute()
}
