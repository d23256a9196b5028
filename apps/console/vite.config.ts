/// <reference types="vitest/config" />
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// console-api in development; containers serve the SPA and /api from one origin instead.
const apiProxy = { '/api': { target: 'http://127.0.0.1:3001', changeOrigin: false } }

export default defineConfig({
  plugins: [vue()],
  define: {
    // Only the Composition API is used: drop the Options API code from the bundle.
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: apiProxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy: apiProxy },
  build: {
    // scripts/check-size.ts reads the manifest to know which chunks load before the first paint.
    manifest: true,
    target: 'es2022',
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The first test of a file compiles the lazy pages it opens: slow on a busy two-core runner.
    testTimeout: 15_000,
  },
})
