import { randomBytes } from 'node:crypto'
import { LoginBody } from '@hexad/contracts/console-api'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@hexad/contracts/zoned-days'
import { hashPassword, type Db } from '@hexad/db'
import Value from 'typebox/value'
import { createAdvertiserWithUser } from './repositories/advertisers.ts'

/** A password nobody chose: 144 random bits, 24 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

export interface FirstUserInput {
  advertiser: string
  email: string
  /** The advertiser's IANA time zone (`Asia/Tokyo`); default UTC. */
  timeZone?: string | undefined
}

export interface FirstUser {
  advertiserId: number
  userId: number
  email: string
  /** In clear only here: the database keeps its scrypt hash. */
  password: string
}

export class FirstUserError extends Error {}

/**
 * How an environment without demo data gets its first login: a new advertiser and one user of
 * it, with a generated password the caller shows once. The email must be one the login route
 * accepts (the same contract schema), and not taken.
 */
export async function createFirstUser(
  db: Db,
  input: FirstUserInput,
  options: { now?: Date; password?: () => string } = {},
): Promise<FirstUser> {
  const email = input.email.trim().toLowerCase()
  const advertiserName = input.advertiser.trim()
  if (!Value.Check(LoginBody.properties.email, email))
    throw new FirstUserError(`not an email address the login accepts: ${input.email}`)
  if (advertiserName.length === 0 || advertiserName.length > 200)
    throw new FirstUserError('the advertiser name must have 1 to 200 characters')
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE
  if (!isTimeZone(timeZone))
    throw new FirstUserError(`not an IANA time zone (like Asia/Tokyo): ${timeZone}`)
  const password = (options.password ?? generatePassword)()
  const created = await createAdvertiserWithUser(db, {
    advertiserName,
    timeZone,
    email,
    passwordHash: await hashPassword(password),
    now: options.now ?? new Date(),
  })
  if (!created) throw new FirstUserError(`a user with the email ${email} exists already`)
  return { ...created, email, password }
}
