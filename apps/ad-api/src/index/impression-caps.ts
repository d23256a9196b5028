/**
 * How many impressions each campaign has had today, for the daily cap: today's daily_stats row
 * (what the aggregate job has counted from every replica's analytics logs) plus the impressions
 * this process has served since that figure last changed. When the job writes a new figure it
 * includes what we had logged up to its run, so our own count starts again from zero; what was
 * logged between the job's cut-off and its write is counted by neither (a small overshoot, the
 * price of not knowing the cut-off). Each replica counts only itself: the cap is per fleet only
 * as fresh as the job. All dates are UTC 'YYYY-MM-DD'; a new day starts every count at zero.
 */
export class ImpressionCaps {
  #date = ''
  #fromStats = new Map<number, number>()
  #ownSinceStats = new Map<number, number>()

  #rollOver(date: string) {
    if (date === this.#date) return
    this.#date = date
    this.#fromStats = new Map()
    this.#ownSinceStats = new Map()
  }

  /** Today's daily_stats impressions per campaign, as just read from the database. */
  updateFromStats(date: string, impressions: Map<number, number>): void {
    this.#rollOver(date)
    for (const [campaign, count] of impressions) {
      if (this.#fromStats.get(campaign) !== count) this.#ownSinceStats.delete(campaign)
    }
    this.#fromStats = impressions
  }

  record(date: string, campaign: number): void {
    this.#rollOver(date)
    this.#ownSinceStats.set(campaign, (this.#ownSinceStats.get(campaign) ?? 0) + 1)
  }

  count(date: string, campaign: number): number {
    if (date !== this.#date) return 0
    return (this.#fromStats.get(campaign) ?? 0) + (this.#ownSinceStats.get(campaign) ?? 0)
  }
}
