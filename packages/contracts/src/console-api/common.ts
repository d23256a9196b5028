import Type from 'typebox'

/**
 * A calendar day, `YYYY-MM-DD` (ajv's `date` format also rejects 2026-02-30), in 1970–9999: a day
 * before 1970 is a typo here, and `0000-01-01` made reports answer days like `-000001-12`. Campaign
 * dates and report days are days in the advertiser's time zone (`CurrentUser.timeZone`).
 */
export const DateString = Type.String({
  format: 'date',
  // ajv-formats' keywords: compared as days, and only for a valid date (one message per field).
  formatMinimum: '1970-01-01',
  examples: ['2026-12-01'],
})

/** For 204 answers: Fastify checks the reply against the schema, and there is no body. */
export const NoContent = Type.Null({ description: 'No content' })

/** A row id: the database's ids are signed 32-bit integers, so a larger one can only be a 404. */
export const IdParam = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })

/** Landing pages must be https: an ad click must never downgrade a user to plain http. */
export const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048 })
