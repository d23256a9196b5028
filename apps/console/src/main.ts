import { createApp } from 'vue'
import App from './App.vue'
import { setupConsole } from './setup.ts'
import './styles.css'

const { pinia, router } = setupConsole()
createApp(App).use(pinia).use(router).mount('#app')
