import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Gauge } from 'prom-client'
import { ReplayGuard, type ReplayGuardOptions, type TrackingTag } from '../replays/replay-guard.ts'
import type { AdClaims } from '../tokens/token.ts'

/**
 * `recorded`: the record is accepted by analytics-log. `replay`: this token's beacon was recorded
 * before: nothing new is written or counted, the answer is the same. `refused`: analytics-log
 * refused the record: nothing is recorded or remembered, so a retry with the same token can be.
 */
export type BeaconOutcome = 'recorded' | 'replay' | 'refused'

export interface Beacons {
  /** Records an impression or click at most once per request id; 410 for a forgotten token. */
  record(tag: TrackingTag, claims: AdClaims): BeaconOutcome
}

declare module 'fastify' {
  interface FastifyInstance {
    beacons: Beacons
  }
}

export const beaconsPlugin = fp<ReplayGuardOptions>(
  async function beacons(app: FastifyInstance, options) {
    const guard = new ReplayGuard(options)
    const replays = new Counter({
      name: 'ad_tracking_replays_total',
      help: 'Impression and click tokens used again: answered, not recorded or counted again',
      labelNames: ['tag'],
      registers: [app.metrics],
    })
    const forgotten = new Counter({
      name: 'ad_tracking_forgotten_total',
      help: 'Tokens refused as expired because the replay guard had to forget them early (memory bound)',
      labelNames: ['tag'],
      registers: [app.metrics],
    })
    // Children made once: labels() per request would hash the label set every time.
    const replaysOf = { impression: replays.labels('impression'), click: replays.labels('click') }
    const forgottenOf = {
      impression: forgotten.labels('impression'),
      click: forgotten.labels('click'),
    }
    new Gauge({
      name: 'ad_replay_guard_entries',
      help: 'Request ids the replay guard keeps (impressions and clicks)',
      registers: [app.metrics],
      collect() {
        this.set(guard.size)
      },
    })
    new Gauge({
      name: 'ad_replay_guard_bytes',
      help: 'Memory the replay guard holds',
      registers: [app.metrics],
      collect() {
        this.set(guard.bytes)
      },
    })
    new Gauge({
      name: 'ad_replay_window_seconds',
      help: 'How old a token may be and still be told from a replay (AD_TOKEN_TTL_SECONDS unless memory ran out)',
      registers: [app.metrics],
      collect() {
        this.set(guard.windowSeconds)
      },
    })

    app.decorate('beacons', {
      record(tag, claims) {
        const { requestId, campaign, creative, slot, iat } = claims
        const use = guard.use(tag, requestId, iat)
        if (use === 'replay') {
          replaysOf[tag].inc()
          return 'replay'
        }
        if (use === 'forgotten') {
          forgottenOf[tag].inc()
          throw app.httpErrors.gone('This ad token has expired')
        }
        if (!app.analytics.write(tag, { requestId, campaign, creative, slot })) return 'refused'
        guard.remember(tag, requestId, iat)
        return 'recorded'
      },
    } satisfies Beacons)
  },
  { name: 'beacons', dependencies: ['@hexad/analytics', '@hexad/metrics'] },
)
