import { zonedDay } from '@hexad/contracts/zoned-days'

/** One campaign's count for its current day, [startMs, endMs) in its advertiser's zone. */
interface CampaignDay {
  startMs: number
  endMs: number
  fromStats: number
  ownSinceStats: number
}

/** What a refresh read about one campaign: its zone and its day's daily_stats impressions. */
export interface CampaignStat {
  timeZone: string
  /** daily_stats.impressions of the campaign's day containing the refresh's instant (0: no row). */
  impressions: number
}

/**
 * How many impressions each campaign has had today, for the daily cap: today's daily_stats row
 * (what the aggregate job has counted from every replica's analytics logs) plus the impressions
 * this process has served since that figure last changed. When the job writes a new figure it
 * includes what we had logged up to its run, so our own count starts again from zero; what was
 * logged between the job's cut-off and its write is counted by neither (a small overshoot, the
 * price of not knowing the cut-off). Each replica counts only itself: the cap is per fleet only
 * as fresh as the job. "Today" is the campaign's day in its advertiser's time zone: a Tokyo
 * campaign's count starts again at 00:00 JST, whatever the time in UTC.
 */
export class ImpressionCaps {
  #zones = new Map<number, string>()
  #days = new Map<number, CampaignDay>()

  /** Each campaign's figure as just read from the database at instant `nowMs`. */
  updateFromStats(nowMs: number, stats: ReadonlyMap<number, CampaignStat>): void {
    const zones = new Map<number, string>()
    const days = new Map<number, CampaignDay>()
    for (const [campaign, { timeZone, impressions }] of stats) {
      zones.set(campaign, timeZone)
      const held = this.#days.get(campaign)
      const { startMs, endMs } = held && inDay(held, nowMs) ? held : zonedDay(nowMs, timeZone)
      if (held && held.startMs > startMs) {
        // Read before midnight, applied after: our count of the new day stands.
        days.set(campaign, held)
      } else if (held && held.startMs === startMs && held.fromStats === impressions) {
        days.set(campaign, held)
      } else {
        days.set(campaign, { startMs, endMs, fromStats: impressions, ownSinceStats: 0 })
      }
    }
    // A campaign the database no longer lists as servable keeps what it counted today (a
    // day's worth at most: the next refresh after its day drops it).
    for (const [campaign, held] of this.#days) {
      if (!days.has(campaign) && inDay(held, nowMs)) days.set(campaign, held)
    }
    this.#zones = zones
    this.#days = days
  }

  record(nowMs: number, campaign: number): void {
    const held = this.#days.get(campaign)
    if (held && inDay(held, nowMs)) {
      held.ownSinceStats++
      return
    }
    // A new day (or a campaign the last refresh did not list, whose cap no request checks):
    // start its count here.
    const { startMs, endMs } = zonedDay(nowMs, this.#zones.get(campaign) ?? 'UTC')
    this.#days.set(campaign, { startMs, endMs, fromStats: 0, ownSinceStats: 1 })
  }

  count(nowMs: number, campaign: number): number {
    const held = this.#days.get(campaign)
    return held && inDay(held, nowMs) ? held.fromStats + held.ownSinceStats : 0
  }
}

function inDay(day: CampaignDay, nowMs: number): boolean {
  return day.startMs <= nowMs && nowMs < day.endMs
}
