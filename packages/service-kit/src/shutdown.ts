import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'

interface ShutdownOptions {
  /** How long to keep serving after the signal, while readiness already says 503. */
  delayMs: number
  /** How long closing may take before the process gives up and exits non-zero. */
  timeoutMs: number
  signals?: NodeJS.Signals[]
  exit?: (code: number) => void
}

/**
 * The drain sequence behind a load balancer: readiness 503 at once, keep serving for `delayMs`
 * (the ALB notices and stops sending), close the server (in-flight requests finish, onClose hooks
 * flush logs and close pools), exit 0. Written here rather than with close-with-grace because the
 * drain delay before close, and readiness flipping first, are the point.
 */
export function installGracefulShutdown(
  app: FastifyInstance,
  options: ShutdownOptions,
): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let started: Promise<void> | undefined

  const shutdown = (signal: string) =>
    (started ??= (async () => {
      app.log.info({ signal, delayMs: options.delayMs }, 'shutdown: draining')
      app.readiness.markShuttingDown()
      await sleep(options.delayMs)
      app.log.info('shutdown: closing')
      // Deliberately not unref'd: a hook stuck on a promise that holds nothing open must still end
      // in exit(1), not in a quiet exit 0 once the event loop runs dry.
      const hardStop = setTimeout(() => {
        app.log.error({ timeoutMs: options.timeoutMs }, 'shutdown: close timed out, exiting')
        exit(1)
      }, options.timeoutMs)
      try {
        await app.close()
        clearTimeout(hardStop)
        app.log.info('shutdown: closed')
        exit(0)
      } catch (err) {
        clearTimeout(hardStop)
        app.log.error({ err }, 'shutdown: close failed')
        exit(1)
      }
    })())

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => void shutdown(signal))
  }
  return () => shutdown('manual')
}
