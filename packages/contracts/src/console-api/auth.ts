import Type, { type Static } from 'typebox'

// The longest password the login takes: scrypt hashes any length, the bound keeps its work small.
const PASSWORD_MAX_LENGTH = 200

export const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const CurrentUser = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  advertiserId: Type.Integer(),
  advertiserName: Type.String(),
  /**
   * The advertiser's IANA time zone (`Asia/Tokyo`): campaign dates, daily caps and report days
   * are days there (ARCHITECTURE.md, "An advertiser's day").
   */
  timeZone: Type.String(),
})
export type CurrentUser = Static<typeof CurrentUser>

/** What login and `GET /api/me` answer. */
export const SessionInfo = Type.Object({
  user: CurrentUser,
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: Type.String(),
})
export type SessionInfo = Static<typeof SessionInfo>

/**
 * A password a person sets: long enough to resist guessing (create-user's generated ones have
 * 24 characters), and never longer than the login accepts, so it can always be used.
 */
export const NewPassword = Type.String({
  minLength: 12,
  maxLength: PASSWORD_MAX_LENGTH,
})

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: LoginBody.properties.password,
    newPassword: NewPassword,
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>
