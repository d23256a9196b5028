import type { CurrentUser, SessionInfo } from '@hexad/contracts/console-api'
import { DEFAULT_TIME_ZONE } from '@hexad/contracts/zoned-days'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '../api/auth.ts'
import { ApiError } from '../api/http.ts'

/** Who is logged in, and the CSRF token their writes must carry. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<CurrentUser | null>(null)
  const csrfToken = ref<string | null>(null)
  // Whether the server has been asked about the session cookie since the page loaded.
  const checked = ref(false)
  const loggedIn = computed(() => user.value !== null)
  /** The advertiser's time zone: their campaign dates and report days. */
  const timeZone = computed(() => user.value?.timeZone ?? DEFAULT_TIME_ZONE)

  function set(session: SessionInfo) {
    user.value = session.user
    csrfToken.value = session.csrfToken
    checked.value = true
  }

  function clear() {
    user.value = null
    csrfToken.value = null
  }

  /** Picks up a session that survives a reload (the cookie is HttpOnly, only the API knows). */
  async function restore() {
    try {
      set(await auth.fetchSession())
    } catch (error) {
      if (!(error instanceof ApiError) || error.unreachable) throw error
      clear()
      checked.value = true
    }
  }

  async function login(email: string, password: string) {
    set(await auth.login(email, password))
  }

  async function logout() {
    try {
      await auth.logout()
    } finally {
      clear()
    }
  }

  async function logoutEverywhere() {
    await auth.logoutEverywhere()
    clear()
  }

  return {
    user,
    csrfToken,
    checked,
    loggedIn,
    timeZone,
    restore,
    login,
    logout,
    logoutEverywhere,
    expire: clear,
  }
})
