import { chromiumMissing } from '@hexad/test-support'
import { defineConfig } from 'vitest/config'

// Before building anything: without a browser there is nothing to test, and one line says why.
const missing = chromiumMissing()
if (missing) {
  console.error(`test:e2e: ${missing}`)
  process.exit(1)
}

// The browser suite (`pnpm test:e2e`): one set of services for all files, one file at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    globalSetup: ['src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
})
