import { zonedDay } from '@hexad/contracts/zoned-days'
import type { IndexedCampaign } from './campaign-index.ts'

/**
 * How far ahead of the straight line an even campaign may run: a quarter of an hour of its day,
 * so that it starts serving at its day's first request rather than once the line has moved.
 */
export const EVEN_LEAD = 1 / 96

/** Own impressions are kept in buckets this long, to be told apart from what daily_stats has. */
const BUCKET_MS = 10_000
/** A fleet's increase in daily_stats smaller than this says too little about the share. */
const MIN_FLEET_DELTA = 50
/** A replica never takes itself for less than this share of the fleet, whatever it measured. */
const MIN_SHARE = 0.02
/**
 * How long an ad served but not yet seen counts as delivered: most readers who will see an ad see
 * it within seconds (the tag asks for a slot only as it comes near the viewport); one seen later
 * is counted when its beacon comes.
 */
export const PENDING_MS = 30_000
const SECOND_MS = 1_000

/** What daily_stats says, as the index refresh read it. */
export interface StatsView {
  /** A campaign's impressions on `day` (its advertiser's 'YYYY-MM-DD'). */
  impressions(campaign: number, day: string): number
  /** Every record written before this instant is in daily_stats (job_watermarks); undefined:
   * the job has not run. */
  watermark: number | undefined
}

interface CampaignDay {
  day: string
  startMs: number
  endMs: number
  zone: string
  /** The day's daily_stats impressions, the last time the index was refreshed. */
  fromStats: number
  /** This replica's impressions not yet under the watermark, by BUCKET_MS bucket, oldest first. */
  buckets: number[]
  counts: number[]
  /** The sum of `counts`. */
  own: number
  /** Ads of the day this replica served whose impression has not come, by second served,
   * oldest first, none older than PENDING_MS. */
  pendingSeconds: number[]
  pendingCounts: number[]
  /** The sum of `pendingCounts`. */
  pending: number
  /** All this replica recorded of the day, and its count and daily_stats' when first seen: the
   * increases since then give the replica's share of the fleet. */
  ownTotal: number
  base: { own: number; stats: number } | undefined
}

/**
 * Where each daily-capped campaign stands in its advertiser's day, for pacing: what the fleet has
 * delivered (daily_stats as of the aggregate job's watermark, plus what this replica recorded
 * after the watermark and the ads it served that are still on their way to readers, scaled up by
 * this replica's share of the fleet) against what the campaign
 * may have delivered by now: its whole cap for `asap`, for `even` the cap times the share of the
 * day gone by (plus EVEN_LEAD). A campaign ahead of its line is not served until the line catches
 * up; one behind it is served by every request it is eligible for until it is back on the line:
 * that is the ahead/behind correction, checked per request against a line that moves with the
 * clock.
 *
 * The replica's share of the fleet is measured, not configured: since it first saw a campaign's
 * day, what it recorded against the increase of daily_stats, over all capped campaigns. Until that
 * increase says enough (MIN_FLEET_DELTA) a replica counts itself as the whole fleet, so a replica
 * started in the middle of a day may overshoot a little in its first minutes. The job counts the
 * hour in progress too, so daily_stats may already hold some of what this replica counts after the
 * watermark: counted twice, which errs on the side of stopping a little early, never of
 * overshooting.
 */
export class Delivery {
  readonly #days = new Map<number, CampaignDay>()
  #share: number | undefined

  /** This replica's measured share of the fleet's impressions (1 until measured). */
  get share(): number {
    return this.#share ?? 1
  }

  #dayOf(id: number, zone: string, nowMs: number): CampaignDay {
    let day = this.#days.get(id)
    if (!day || nowMs >= day.endMs || nowMs < day.startMs || day.zone !== zone) {
      const bounds = zonedDay(nowMs, zone)
      day = {
        ...bounds,
        zone,
        fromStats: 0,
        buckets: [],
        counts: [],
        own: 0,
        pendingSeconds: [],
        pendingCounts: [],
        pending: 0,
        ownTotal: 0,
        base: undefined,
      }
      this.#days.set(id, day)
    }
    return day
  }

  /**
   * After an index refresh: each capped campaign's daily_stats impressions for its own current
   * day, and the watermark under which this replica's own impressions are in them.
   */
  updateFromStats(campaigns: readonly IndexedCampaign[], stats: StatsView, nowMs: number): void {
    let fleetDelta = 0
    let ownDelta = 0
    const capped = new Set<number>()
    for (const campaign of campaigns) {
      if (campaign.dailyCap === null) continue
      capped.add(campaign.id)
      const day = this.#dayOf(campaign.id, campaign.timeZone, nowMs)
      day.fromStats = stats.impressions(campaign.id, day.day)
      if (stats.watermark !== undefined) dropUnder(day, stats.watermark)
      day.base ??= { own: day.ownTotal, stats: day.fromStats }
      fleetDelta += day.fromStats - day.base.stats
      ownDelta += day.ownTotal - day.base.own
    }
    for (const id of this.#days.keys()) if (!capped.has(id)) this.#days.delete(id)
    this.#share =
      fleetDelta >= MIN_FLEET_DELTA
        ? Math.min(1, Math.max(MIN_SHARE, ownDelta / fleetDelta))
        : undefined
  }

  /**
   * An ad this replica served (only campaigns with a daily cap are followed): counted as
   * delivered until its impression comes or PENDING_MS passes, so that the ads already on their
   * way to readers do not let the campaign past its line or its cap.
   */
  served(campaign: number, nowMs: number): void {
    const known = this.#days.get(campaign)
    if (!known) return
    const day = this.#dayOf(campaign, known.zone, nowMs)
    countIn(day.pendingSeconds, day.pendingCounts, Math.floor(nowMs / SECOND_MS))
    day.pending++
  }

  /**
   * An impression this replica recorded (only campaigns with a daily cap are followed), of an ad
   * served at `servedAtMs` (its token's issue time): no longer pending, now its own.
   */
  record(campaign: number, nowMs: number, servedAtMs?: number): void {
    const known = this.#days.get(campaign)
    if (!known) return
    const day = this.#dayOf(campaign, known.zone, nowMs)
    if (servedAtMs !== undefined) settlePending(day, Math.floor(servedAtMs / SECOND_MS))
    countIn(day.buckets, day.counts, Math.floor(nowMs / BUCKET_MS))
    day.own++
    day.ownTotal++
  }

  /** The fleet's impressions of the campaign's current day, as well as this replica can tell. */
  delivered(campaign: Pick<IndexedCampaign, 'id' | 'timeZone'>, nowMs: number): number {
    return this.#delivered(this.#dayOf(campaign.id, campaign.timeZone, nowMs), nowMs)
  }

  /**
   * What daily_stats has of the day, plus this replica's own since and the ads it served that are
   * still on their way, scaled to the fleet.
   */
  #delivered(day: CampaignDay, nowMs: number): number {
    expirePending(day, nowMs)
    return day.fromStats + (day.own + day.pending) / this.share
  }

  /** Whether the campaign may be served one more impression now (always, without a daily cap). */
  canServe(campaign: IndexedCampaign, nowMs: number): boolean {
    const cap = campaign.dailyCap
    if (cap === null) return true
    const day = this.#dayOf(campaign.id, campaign.timeZone, nowMs)
    const delivered = this.#delivered(day, nowMs)
    if (delivered >= cap) return false
    if (campaign.pacing === 'asap') return true
    const elapsed = (nowMs - day.startMs) / (day.endMs - day.startMs)
    return delivered < cap * Math.min(1, elapsed + EVEN_LEAD)
  }
}

/** Adds one to `bucket`, the newest of `buckets` or a new one after them (`counts` alongside). */
function countIn(buckets: number[], counts: number[], bucket: number): void {
  const last = buckets.length - 1
  if (last >= 0 && buckets[last] === bucket) counts[last]!++
  else {
    buckets.push(bucket)
    counts.push(1)
  }
}

/** Forgets the own impressions in buckets wholly before `watermark` (daily_stats has them). */
function dropUnder(day: CampaignDay, watermark: number): void {
  let n = 0
  let dropped = 0
  while (n < day.buckets.length && (day.buckets[n]! + 1) * BUCKET_MS <= watermark) {
    dropped += day.counts[n]!
    n++
  }
  day.buckets.splice(0, n)
  day.counts.splice(0, n)
  day.own -= dropped
}

/** Forgets the ads served longer than PENDING_MS ago that no impression came for. */
function expirePending(day: CampaignDay, nowMs: number): void {
  const oldest = Math.floor((nowMs - PENDING_MS) / SECOND_MS)
  let n = 0
  let expired = 0
  while (n < day.pendingSeconds.length && day.pendingSeconds[n]! < oldest) {
    expired += day.pendingCounts[n]!
    n++
  }
  if (n === 0) return
  day.pendingSeconds.splice(0, n)
  day.pendingCounts.splice(0, n)
  day.pending -= expired
}

/** One ad served in `second` has had its impression: it is no longer pending. */
function settlePending(day: CampaignDay, second: number): void {
  for (let i = day.pendingSeconds.length - 1; i >= 0; i--) {
    const at = day.pendingSeconds[i]!
    if (at < second) return
    if (at === second) {
      if (day.pendingCounts[i]! > 0) {
        day.pendingCounts[i]!--
        day.pending--
      }
      return
    }
  }
}
