import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Some tests start the jobs as processes (as a container does) and load MySQL and S3 fixtures;
    // on a busy two-core CI machine that takes more than vitest's default 5 s. Not a timing check.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
