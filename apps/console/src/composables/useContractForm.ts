import type { ApiError } from '../api/http.ts'
import type { brokenRules } from '../validation/field-rules.ts'
import type { FieldRule } from '../validation/rule-messages.ts'
import { useFieldErrors } from './useFieldErrors.ts'

/** What an edit form gets from its page (useSubmit): the save in flight, and the API's refusal. */
export interface SubmitState {
  saving: boolean
  error: ApiError | null
  /** The rules the API said were broken, by body path (`geofence.lat`…), each said under its input. */
  fieldErrors: Record<string, FieldRule>
}

interface ContractFormOptions<Body extends object> {
  /** The contract's schema of the body (CreateCampaignBody…), checked in the browser. */
  schema: Parameters<typeof brokenRules>[0]
  /** The body as it would be sent, from what is typed. */
  input: () => Body
  send: (body: Body) => void
  /** The rules the schema cannot state (a campaign's date order), by field path. */
  more?: (body: Body) => Record<string, FieldRule | undefined>
}

/**
 * An edit form over a contract's body: its field errors (useFieldErrors, the API's refusals
 * included) and a submit that sends the body only when it keeps every rule, saying each broken
 * one beside its field otherwise.
 */
export function useContractForm<Body extends object>(
  props: SubmitState,
  { schema, input, send, more = () => ({}) }: ContractFormOptions<Body>,
) {
  const errors = useFieldErrors(() => props.fieldErrors)
  function submit() {
    const body = input()
    if (errors.check(schema, body, more(body))) send(body)
  }
  return { errors, submit }
}
