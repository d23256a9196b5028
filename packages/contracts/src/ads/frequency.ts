// The tag → ad-api `fc` parameter: the impressions this reader had today per campaign, as the
// tag counts them in the publisher's storage (`12:3,40:1`). Both sides read the limits here, so
// a tag that sends what ad-api accepts cannot drift from it. Plain constants, no typebox: the
// tag bundles this file.

/** At most this many campaigns per request; the tag forgets the least seen beyond it. */
export const FREQUENCY_MAX_CAMPAIGNS = 50
/** A count above this is sent as this: no cap is that high. */
export const FREQUENCY_MAX_COUNT = 999

const pair = `\\d{1,10}:\\d{1,${String(FREQUENCY_MAX_COUNT).length}}`
/** The whole parameter, as ad-api's query schema checks it. */
export const FREQUENCY_PATTERN = `^${pair}(,${pair}){0,${FREQUENCY_MAX_CAMPAIGNS - 1}}$`
