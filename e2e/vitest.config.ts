import { defineConfig } from 'vitest/config'

// `pnpm test`: the helpers' own tests only, fast; the browser suite is vitest.e2e.config.ts.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } })
