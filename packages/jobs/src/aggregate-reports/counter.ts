import { lineParser } from '@hexad/contracts/analytics'
import { HOUR_MS } from '@hexad/contracts/time'
import { DEFAULT_TIME_ZONE, zonedHourStart } from '@hexad/contracts/zoned-days'
import { IdSet } from './id-set.ts'
import { COUNTED_TAGS } from './sources.ts'

/** What a run saw, over every file it read. */
export interface LineStats {
  lines: number
  impressions: number
  clicks: number
  /** The same tag and requestId again within the dedup window (a beacon fired twice). */
  duplicates: number
  /** Not JSON, or not a valid impression or click line (the contract's schemas). */
  malformed: number
  /** Records of another tag (e.g. ad_request in a file where it does not belong). */
  ignored: number
  /** A last line without its newline: still being written, counted by a later run. */
  unterminated: number
}

export function emptyStats(): LineStats {
  return {
    lines: 0,
    impressions: 0,
    clicks: 0,
    duplicates: 0,
    malformed: 0,
    ignored: 0,
    unterminated: 0,
  }
}

export interface CampaignCounts {
  impressions: number
  clicks: number
}

/** One hour's ids of each counted tag. */
type Seen = Record<(typeof COUNTED_TAGS)[number], IdSet>

function emptySeen(): Seen {
  return { impression: new IdSet(), click: new IdSet() }
}

/**
 * Counts one day's impressions and clicks per campaign (in its scope: a zone's campaigns and day)
 * from its hourly files, read hour by hour. A record counts at most once per (tag, requestId) within a window of the current hour and
 * the `windowHours` before it: ad-api refuses a beacon once its token has expired
 * (AD_TOKEN_TTL_SECONDS), so every record of one request lies within the token's lifetime of the
 * first, hence within ceil(TTL / 1 h) hours of it (see the README). Keeping that many hours of ids,
 * not the whole day's, keeps memory flat in the input size. The day's first hours look back into
 * the previous day: the caller reads its last `windowHours` hours first as seed hours, whose ids
 * are remembered but never counted (they were counted in their own day). Clicks count on their own,
 * with or without an impression.
 */
/**
 * Which records a day counts: those of its zone's campaigns written from startMs to endMs (a
 * day in an advertiser's time zone, @hexad/contracts/zoned-days). Default: all of them.
 */
export interface DayScope {
  startMs: number
  endMs: number
  /** The zone whose local hours the day's counts are cut into (hourly_stats). */
  timeZone: string
  counts(campaign: number): boolean
}

const everything: DayScope = {
  startMs: -Infinity,
  endMs: Infinity,
  timeZone: DEFAULT_TIME_ZONE,
  counts: () => true,
}

/** Counts per creative per local hour start (epoch ms): one campaign's day at the finest grain. */
export type CreativeHours = Map<number, Map<number, CampaignCounts>>

export class DayCounter {
  /**
   * The only tally: per campaign, creative and local hour. The day's totals are its sums
   * (`campaigns`), so a report by creative or by hour always adds up to the day's.
   */
  readonly cells = new Map<number, CreativeHours>()
  readonly stats: LineStats
  private readonly scope: DayScope
  /** Whether the hour being read lies wholly inside the day: then no line's time is read. */
  private wholeHour = true
  /** Newest first: [0] is the hour being read, then the `windowHours` before it. */
  private readonly window: Seen[]
  /** The earlier hours of `window`, per tag, for IdSet.addNew. */
  private older: Record<keyof Seen, IdSet[]> = { impression: [], click: [] }
  private seeding = false
  /**
   * The local hour the UTC hour being read starts in, and where the next local hour starts
   * inside it, if one does (Kolkata's :30).
   */
  private localHour = 0
  private nextLocalHour: number | undefined

  constructor(stats: LineStats, windowHours = 1, scope: DayScope = everything) {
    this.stats = stats
    this.scope = scope
    this.window = Array.from({ length: windowHours + 1 }, emptySeen)
  }

  /**
   * Call before the files of each hour, in hour order. A seed hour (the end of the previous day)
   * only fills the window: its lines change no count and no statistic.
   */
  nextHour({ seed = false, hour }: { seed?: boolean; hour: number }): void {
    this.wholeHour = hour >= this.scope.startMs && hour + HOUR_MS <= this.scope.endMs
    this.localHour = zonedHourStart(hour, this.scope.timeZone)
    const last = zonedHourStart(hour + HOUR_MS - 1, this.scope.timeZone)
    this.nextLocalHour = last > this.localHour ? last : undefined
    const reused = this.window.pop() as Seen
    reused.impression.clear()
    reused.click.clear()
    this.window.unshift(reused)
    const older = this.window.slice(1)
    this.older = { impression: older.map((s) => s.impression), click: older.map((s) => s.click) }
    this.seeding = seed
  }

  countLine(line: string): void {
    const record = readRecord(line)
    if (this.seeding) {
      if (typeof record !== 'string') this.isNew(record.tag, record.requestId)
      return
    }
    if (record === 'blank') return
    const stats = this.stats
    if (typeof record !== 'string') {
      // Another zone's campaign, or this zone's next or previous day: counted in that day.
      if (!this.scope.counts(record.campaign)) return
      const when = this.when(record.time)
      if (when === 'after') return
      if (when === 'before') {
        // Remembered like a seed hour's: a replay after midnight is not a new impression.
        this.isNew(record.tag, record.requestId)
        return
      }
    }
    stats.lines++
    if (record === 'malformed') {
      stats.malformed++
      return
    }
    if (record === 'other_tag') {
      stats.ignored++
      return
    }
    const { tag, requestId, campaign, creative } = record
    if (!this.isNew(tag, requestId)) {
      stats.duplicates++
      return
    }
    const counts = this.cell(campaign, creative, this.localHourOf(record.time))
    if (tag === 'impression') {
      counts.impressions++
      stats.impressions++
    } else {
      counts.clicks++
      stats.clicks++
    }
  }

  /** The day's totals per campaign: the sums of its cells. */
  get campaigns(): Map<number, CampaignCounts> {
    const totals = new Map<number, CampaignCounts>()
    for (const [campaign, creatives] of this.cells) {
      const sum = { impressions: 0, clicks: 0 }
      for (const hours of creatives.values()) {
        for (const counts of hours.values()) {
          sum.impressions += counts.impressions
          sum.clicks += counts.clicks
        }
      }
      totals.set(campaign, sum)
    }
    return totals
  }

  private cell(campaign: number, creative: number, hourStart: number): CampaignCounts {
    let creatives = this.cells.get(campaign)
    if (!creatives) this.cells.set(campaign, (creatives = new Map()))
    let hours = creatives.get(creative)
    if (!hours) creatives.set(creative, (hours = new Map()))
    let counts = hours.get(hourStart)
    if (!counts) hours.set(hourStart, (counts = { impressions: 0, clicks: 0 }))
    return counts
  }

  /**
   * The local hour a record of the hour being read counts in. Only where a local hour starts
   * inside the UTC hour (zones off by a half or a quarter hour) is its time read; a time outside
   * the file's hour counts at that hour's nearest end, as the day it counts in does.
   */
  private localHourOf(time: string): number {
    if (this.nextLocalHour === undefined) return this.localHour
    return Date.parse(time) >= this.nextLocalHour ? this.nextLocalHour : this.localHour
  }

  private when(time: string): 'before' | 'in' | 'after' {
    if (this.wholeHour) return 'in'
    const ms = Date.parse(time)
    return ms < this.scope.startMs ? 'before' : ms < this.scope.endMs ? 'in' : 'after'
  }

  /** Remembers the id in the current hour: true unless the window already held it. */
  private isNew(tag: keyof Seen, requestId: string): boolean {
    return this.window[0]![tag].addNew(requestId, this.older[tag])
  }
}

// Compiled once: the impression and click schemas of @hexad/contracts/analytics, the ones the
// writer checked each record against.
const parseLine = lineParser(COUNTED_TAGS)

/** The record a line holds, or why not ('blank': an empty line, which is no line at all). */
function readRecord(line: string) {
  // fluentd's default out_file format is `time<TAB>tag<TAB>{json}`; a JSON formatter writes
  // the object alone. Both end in the record, which starts at the first brace.
  const start = line.indexOf('{')
  if (start < 0) return line.trim() === '' ? 'blank' : 'malformed'
  return parseLine(start === 0 ? line : line.slice(start))
}
