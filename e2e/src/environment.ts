/** What the global setup started, handed to the test files through vitest's provide/inject. */
export interface E2eEnvironment {
  repo: string
  /** test-artifacts/e2e: screenshots and service logs. */
  artifacts: string
  consoleUrl: string
  consoleApiUrl: string
  adTagUrl: string
  adApiUrl: string
  /** The analytics root ad-api writes under: <root>/<POD_NAME>/<tag>.<hour>.<n>.log */
  analyticsDir: string
  /** The embedded database both services share (`sqlite:<file>`), for the report job. */
  databaseUrl: string
  /** The ad tag's demo page, configured with an ad-api that is down. */
  adTagApiDownUrl: string
  /** The console, with its /api proxied to a console-api that is down. */
  consoleApiDownUrl: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment
  }
}
