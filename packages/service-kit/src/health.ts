import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { internalRoute } from './internal-route.ts'

type ReadinessCheck = () => Promise<unknown> | unknown

/** What /readyz consults: dependency checks, and whether the process is draining. */
interface Readiness {
  addCheck(name: string, check: ReadinessCheck): void
  markShuttingDown(): void
  readonly shuttingDown: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness
  }
}

const CHECK_TIMEOUT_MS = 2_000

async function runCheck(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    )
  })
  try {
    await Promise.race([Promise.resolve().then(check), timeout])
    return 'ok'
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  } finally {
    clearTimeout(timer)
  }
}

export const healthPlugin = fp(
  async function health(app: FastifyInstance) {
    const checks = new Map<string, ReadinessCheck>()
    let shuttingDown = false
    app.decorate('readiness', {
      addCheck: (name: string, check: ReadinessCheck) => void checks.set(name, check),
      markShuttingDown: () => void (shuttingDown = true),
      get shuttingDown() {
        return shuttingDown
      },
    })

    app.get('/healthz', internalRoute, async () => ({
      status: 'ok',
    }))

    app.get('/readyz', internalRoute, async (_request, reply) => {
      if (shuttingDown) return reply.code(503).send({ status: 'shutting_down' })
      const results: Record<string, string> = {}
      await Promise.all(
        [...checks].map(async ([name, check]) => {
          results[name] = await runCheck(check)
        }),
      )
      const ready = Object.values(results).every((r) => r === 'ok')
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'unavailable', checks: results })
    })
  },
  { name: '@hexad/health', fastify: '5.x' },
)
