import Type from 'typebox'

/**
 * A calendar day, `YYYY-MM-DD` (ajv's `date` format also rejects 2026-02-30): campaign dates and
 * report days are days in the advertiser's time zone (`CurrentUser.timeZone`).
 */
export const DateString = Type.String({ format: 'date', examples: ['2026-12-01'] })

/** For 204 answers: Fastify checks the reply against the schema, and there is no body. */
export const NoContent = Type.Null({ description: 'No content' })

export const IdParam = Type.Integer({ minimum: 1 })

/** Landing pages must be https: an ad click must never downgrade a user to plain http. */
export const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048 })
