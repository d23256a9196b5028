import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import App from '../App.vue'
import { setupConsole } from '../setup.ts'

/** The whole console at `path`, as a browser would open it (guards, stores, API hooks). */
export async function mountApp(path: string) {
  const { pinia, router } = setupConsole(createMemoryHistory())
  await router.push(path)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router, pinia }
}

/** Lets pending requests, lazy route chunks and re-renders finish. */
export async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}
