import { createPinia } from 'pinia'
import type { RouterHistory } from 'vue-router'
import { setHttpHooks } from './api/http.ts'
import { createAppRouter } from './router.ts'
import { useConnectivityStore } from './stores/connectivity.ts'
import { useSessionStore } from './stores/session.ts'

/** The store, the router and the API client wired together: main.ts and the tests share it. */
export function setupConsole(history?: RouterHistory) {
  const pinia = createPinia()
  const router = createAppRouter(pinia, history)
  const session = useSessionStore(pinia)
  const connectivity = useConnectivityStore(pinia)

  setHttpHooks({
    csrfToken: () => session.csrfToken,
    reachable: connectivity.report,
    // The session expired under an open page: log in again, then come back to the same place.
    unauthorized: () => {
      session.expire()
      const here = router.currentRoute.value
      if (!here.meta.public) void router.push({ name: 'login', query: { redirect: here.fullPath } })
    },
  })

  return { pinia, router }
}
