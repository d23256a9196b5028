import Type, { type Static } from 'typebox'

export const LoginBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
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
