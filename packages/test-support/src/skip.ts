import type { TestOptions } from 'vitest'

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped (`skipBecause`), read back from the JSON report by `pnpm test`. */
    skipReason?: string
  }
}

/**
 * Test options that skip a suite or test, saying why, when there is a reason not to run it here:
 * vitest's own `skipIf` records no reason, while this one travels in the test's meta to the JSON
 * report, where `pnpm test`'s closing line groups the skipped tests by it ("3 skipped: no
 * TEST_MYSQL_URL").
 *   describe('on MySQL', skipBecause(!process.env.TEST_MYSQL_URL && 'no TEST_MYSQL_URL'), () => …)
 */
export function skipBecause(reason: string | false | undefined): TestOptions {
  return reason ? { skip: true, meta: { skipReason: reason } } : { skip: false }
}
