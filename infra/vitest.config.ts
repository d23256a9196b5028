import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Every test file reads the same synthesized app (src/testing/synthesized.ts): run the files
    // in one worker that keeps its modules, so the app is built and synthesized once, not per
    // file. Synthesis (with CDK's template validation and cdk-nag) takes tens of seconds on a
    // busy two-core machine: the timeouts leave room for it. Not a timing check.
    isolate: false,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
})
