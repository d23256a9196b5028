import {
  type AnalyticsLog,
  type AnalyticsLogOptions,
  type DeclaredTags,
  type PressureReason,
  type TagSchemas,
  openAnalyticsLog,
} from '@hexad/analytics-log'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Tagged analytics records into the pod's folder (see @hexad/analytics-log's README). Present
     * when the service passed `analytics` to createService. Typed by the service's declaration
     * of `AnalyticsTags`.
     */
    analytics: AnalyticsLog<DeclaredTags>
  }
}

/** The writer's options but the two the plugin supplies from the app. */
type AnalyticsPluginOptions = Omit<AnalyticsLogOptions<TagSchemas>, 'logger' | 'registry'>

const PRESSURE: Record<PressureReason, string> = {
  buffer: 'the disk is falling behind: more than the high-water mark is waiting to be written',
  slow_disk: 'refusing records: a flush did not complete within the flush interval',
  io_error: 'refusing records: the analytics folder does not take writes',
  closed: 'refusing records: closed',
}

// Opened at start (the lock and the folder must be right before the service says it is up),
// reporting through the app's logger and registry, and flushed + closed by app.close(): Fastify
// runs onClose hooks after in-flight requests have finished, so their records are in.
export const analyticsPlugin = fp(
  async function analytics(app: FastifyInstance, options: AnalyticsPluginOptions) {
    const log = await openAnalyticsLog({ ...options, logger: app.log, registry: app.metrics })
    app.decorate('analytics', log as unknown as AnalyticsLog<DeclaredTags>)
    // Out of the load balancer while the writer is under pressure, before it refuses records if
    // it can (buffer), and for as long as it refuses them: the ALB sends the traffic elsewhere.
    app.readiness.addCheck('analytics_log', () => {
      const pressure = log.pressure
      if (pressure) throw new Error(PRESSURE[pressure])
    })
    app.addHook('onClose', async () => {
      await log.close()
      app.log.info({ analytics: log.stats().tags }, 'analytics-log: closed')
    })
  },
  { name: '@hexad/analytics', fastify: '5.x', dependencies: ['@hexad/health', '@hexad/metrics'] },
)
