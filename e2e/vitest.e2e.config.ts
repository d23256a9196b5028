import { defineConfig } from 'vitest/config'

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
