import { computed, ref, shallowRef } from 'vue'
import type { ApiError } from '../api/http.ts'
import { toApiError } from './useResource.ts'

/**
 * A form's round trip to the API: saving flag, the error, and the API's field errors keyed by
 * field path (`name`, `geofence.lat`…) so each can be shown beside its input.
 */
export function useSubmit() {
  const saving = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const fieldErrors = computed<Record<string, string>>(() => {
    const byField: Record<string, string> = {}
    for (const detail of error.value?.details ?? []) {
      byField[detail.field] ??= detail.message
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
