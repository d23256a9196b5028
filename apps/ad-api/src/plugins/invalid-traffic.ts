import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Counter } from 'prom-client'
import { invalidTrafficCheck, type InvalidReason } from '../traffic/invalid-traffic.ts'

export type TrafficRoute = 'ads' | 'imp' | 'click'

export interface InvalidTraffic {
  /** The reason a request is no reader (counted in ad_invalid_traffic_total), or undefined. */
  check(request: FastifyRequest, route: TrafficRoute): InvalidReason | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    invalidTraffic: InvalidTraffic
  }
}

export const invalidTrafficPlugin = fp(
  async function invalidTraffic(app: FastifyInstance) {
    const counter = new Counter({
      name: 'ad_invalid_traffic_total',
      help: 'Requests from bots or prefetches: no ad served, nothing recorded or billed',
      labelNames: ['reason', 'route'],
      registers: [app.metrics],
    })
    const check = invalidTrafficCheck()
    app.decorate('invalidTraffic', {
      check(request, route) {
        const reason = check(request.headers)
        if (reason) counter.inc({ reason, route })
        return reason
      },
    } satisfies InvalidTraffic)
  },
  { name: 'invalid-traffic', dependencies: ['@hexad/metrics'] },
)
