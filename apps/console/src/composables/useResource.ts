import { ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '../api/http.ts'

/** Data loaded from the API with its loading and error state, and a way to load it again. */
export function useResource<T>(loader: () => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let latest = 0

  async function load() {
    // Answers to older calls (a filter changed meanwhile) must not overwrite newer ones.
    const call = ++latest
    loading.value = true
    error.value = null
    try {
      const value = await loader()
      if (call === latest) data.value = value
    } catch (caught) {
      if (call === latest) error.value = toApiError(caught)
    } finally {
      if (call === latest) loading.value = false
    }
  }

  return { data, loading, error, load }
}

export function toApiError(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught
  return new ApiError(-1, 'client', caught instanceof Error ? caught.message : String(caught))
}
