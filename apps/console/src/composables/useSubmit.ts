import { computed, ref, shallowRef } from 'vue'
import type { ApiError } from '../api/http.ts'
import type { FieldRule } from '../validation/rule-messages.ts'
import { toApiError } from './useResource.ts'

/**
 * A form's round trip to the API: saving flag, the error, and the rule each field the API
 * refused broke, keyed by field path (`name`, `geofence.lat`…), so each can be said beside its
 * input in the reader's language (useFieldErrors).
 */
export function useSubmit() {
  const saving = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const fieldErrors = computed<Record<string, FieldRule>>(() => {
    const byField: Record<string, FieldRule> = {}
    for (const { field, rule, params } of error.value?.details ?? []) {
      byField[field] ??= { rule, params }
    }
    return byField
  })

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    saving.value = true
    error.value = null
    try {
      return await action()
    } catch (caught) {
      error.value = toApiError(caught)
      return undefined
    } finally {
      saving.value = false
    }
  }

  return { saving, error, fieldErrors, submit }
}
