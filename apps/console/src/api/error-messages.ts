import type { MessageKey, Translate } from '../i18n/index.ts'
import { ruleMessage, type RuleMessage } from '../validation/rule-messages.ts'
import type { ApiError } from './http.ts'

// Only the 4xx a page can meet in normal use get their own words; anything else is "try again",
// since the API's own message is English for whoever reads the body, and a 5xx says nothing
// useful to a person anyway.
const BY_STATUS: Partial<Record<number, MessageKey>> = {
  401: 'login.expired',
  // The CSRF check: the page's session token is stale (signed out in another tab).
  403: 'error.refused',
  404: 'error.notFound',
  429: 'login.rateLimited',
}

/**
 * Why a request failed, in the words the reader's language has for it: the broken rules of a
 * refused input, else what its status means; never the API's English.
 */
export function errorMessages(error: ApiError): RuleMessage[] {
  if (error.unreachable) return [{ key: 'banner.unreachable' }]
  if (error.details.length > 0) return error.details.map((detail) => ruleMessage(detail))
  return [{ key: BY_STATUS[error.status] ?? 'error.failed' }]
}

/** The same, said with the reader's `t` (useI18n). */
export const errorText = (error: ApiError, t: Translate) =>
  errorMessages(error)
    .map(({ key, values }) => t(key, values))
    .join(' ')
