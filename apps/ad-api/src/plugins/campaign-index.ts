import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Gauge } from 'prom-client'
import { loadCampaignSnapshot } from '../index/load-campaigns.ts'
import { utcDates } from '../index/campaign-days.ts'
import { Delivery } from '../index/pacing.ts'
import { SizedIndexes } from '../index/sized-indexes.ts'

/** What the routes read: the current snapshot, swapped whole by each refresh. */
export interface AdIndex {
  readonly indexes: SizedIndexes
  readonly landingUrls: ReadonlyMap<number, string>
  /** Epoch ms of the last successful load; undefined until the first one. */
  readonly loadedAt: number | undefined
  readonly delivery: Delivery
  /** Now, epoch ms (the test clock in tests): days are each campaign's own, see campaign-days. */
  now(): number
  /** Loads from the database now; false (and the previous snapshot kept) if that failed. */
  refresh(): Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    adIndex: AdIndex
  }
}

export interface CampaignIndexOptions {
  refreshMs: number
  loadTimeoutMs: number
  maxStaleMs: number
  now?: () => number
}

export const campaignIndexPlugin = fp<CampaignIndexOptions>(
  async function campaignIndex(app: FastifyInstance, options) {
    const now = options.now ?? Date.now
    let index = new SizedIndexes([])
    let landingUrls: ReadonlyMap<number, string> = new Map()
    let loadedAt: number | undefined
    let inFlight: Promise<boolean> | undefined
    let timer: NodeJS.Timeout | undefined
    let closed = false
    let failing = false
    const delivery = new Delivery()

    const refreshes = new Counter({
      name: 'campaign_index_refreshes_total',
      help: 'Campaign index loads from the database, by result',
      labelNames: ['result'],
      registers: [app.metrics],
    })
    new Gauge({
      name: 'campaign_index_campaigns',
      help: 'Servable campaigns in the in-memory index',
      registers: [app.metrics],
      collect() {
        this.set(index.size)
      },
    })
    new Gauge({
      name: 'campaign_index_age_seconds',
      help: 'Seconds since the index was last loaded from the database (-1: never)',
      registers: [app.metrics],
      collect() {
        this.set(loadedAt === undefined ? -1 : (now() - loadedAt) / 1000)
      },
    })

    async function load(): Promise<boolean> {
      const started = now()
      // A query to a database that stopped answering may never settle: give up on it so the next
      // refresh can try again (and readiness can tell the truth) instead of waiting forever.
      const timeoutMs = options.loadTimeoutMs
      let timeout: NodeJS.Timeout | undefined
      try {
        const snapshot = await Promise.race([
          loadCampaignSnapshot(app.db, utcDates(started)),
          new Promise<never>((_, reject) => {
            timeout = setTimeout(
              () => reject(new Error(`timed out after ${timeoutMs} ms`)),
              timeoutMs,
            )
          }),
        ])
        index = new SizedIndexes(snapshot.servable)
        landingUrls = snapshot.landingUrls
        const { impressions, statsWatermark } = snapshot
        delivery.updateFromStats(
          snapshot.servable,
          {
            impressions: (campaign, day) => impressions.get(campaign)?.get(day) ?? 0,
            watermark: statsWatermark,
          },
          now(),
        )
        // Said when it starts working, or works again: not every INDEX_REFRESH_MS.
        if (loadedAt === undefined || failing) {
          app.log.info({ campaigns: index.size }, 'campaign index loaded')
        }
        loadedAt = started
        failing = false
        refreshes.inc({ result: 'ok' })
        return true
      } catch (err) {
        failing = true
        refreshes.inc({ result: 'error' })
        app.log.warn(
          { err, loadedAt },
          'campaign index refresh failed; serving the last good index',
        )
        return false
      } finally {
        clearTimeout(timeout)
      }
    }

    const refresh = () => (inFlight ??= load().finally(() => (inFlight = undefined)))

    app.decorate('adIndex', {
      get indexes() {
        return index
      },
      get landingUrls() {
        return landingUrls
      },
      get loadedAt() {
        return loadedAt
      },
      delivery,
      now,
      refresh,
    } satisfies AdIndex)

    // Not ready until the first load, and not once the index is too old to trust; a failed
    // refresh alone changes nothing, since the last good index keeps serving.
    app.readiness.addCheck('campaign_index', () => {
      if (loadedAt === undefined) throw new Error('not loaded yet')
      const age = now() - loadedAt
      if (age > options.maxStaleMs)
        throw new Error(`stale: last loaded ${Math.round(age / 1000)} s ago`)
    })

    // A chain of timeouts rather than an interval: a slow load never overlaps the next one.
    const schedule = () => {
      if (closed) return
      timer = setTimeout(() => void refresh().finally(schedule), options.refreshMs)
      timer.unref()
    }
    app.addHook('onReady', async () => {
      await refresh()
      schedule()
    })
    app.addHook('onClose', async () => {
      closed = true
      clearTimeout(timer)
      await inFlight
    })
  },
  { name: 'campaign-index', dependencies: ['@hexad/database', '@hexad/health', '@hexad/metrics'] },
)
