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
