import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Whether console-api answered the last request: the app-wide "unreachable" banner. */
export const useConnectivityStore = defineStore('connectivity', () => {
  const unreachable = ref(false)
  function report(ok: boolean) {
    unreachable.value = !ok
  }
  return { unreachable, report }
})
