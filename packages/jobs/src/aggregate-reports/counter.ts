import { lineParser } from '@hexad/contracts/analytics'
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

type Seen = { impression: IdSet; click: IdSet }

// Compiled once: the impression and click schemas of @hexad/contracts/analytics, the ones the
// writer checked each record against.
const parseLine = lineParser(COUNTED_TAGS)

function emptySeen(): Seen {
  return { impression: new IdSet(), click: new IdSet() }
}

/**
 * Counts one UTC day's impressions and clicks per campaign from its hourly files, read hour by
 * hour. De-duplication is by (tag, requestId) within a window of the current and the previous
 * hour: a beacon fired twice arrives seconds apart, and keeping two hours of ids (not the whole
 * day's) is what keeps memory flat in the input size. Clicks count on their own, with or without
 * an impression.
 */
export class DayCounter {
  readonly campaigns = new Map<number, CampaignCounts>()
  readonly stats: LineStats
  private current: Seen = emptySeen()
  private previous: Seen = emptySeen()

  constructor(stats: LineStats) {
    this.stats = stats
  }

  /** Call before the files of each hour, in hour order. */
  nextHour(): void {
    const reused = this.previous
    reused.impression.clear()
    reused.click.clear()
    this.previous = this.current
    this.current = reused
  }

  countLine(line: string): void {
    const stats = this.stats
    // fluentd's default out_file format is `time<TAB>tag<TAB>{json}`; a JSON formatter writes
    // the object alone. Both end in the record, which starts at the first brace.
    const start = line.indexOf('{')
    if (start < 0 && line.trim() === '') return
    stats.lines++
    if (start < 0) {
      stats.malformed++
      return
    }
    const record = parseLine(start === 0 ? line : line.slice(start))
    if (record === 'malformed') {
      stats.malformed++
      return
    }
    if (record === 'other_tag') {
      stats.ignored++
      return
    }
    const { tag, requestId, campaign } = record
    if (!this.current[tag].addNew(requestId, this.previous[tag])) {
      stats.duplicates++
      return
    }
    let counts = this.campaigns.get(campaign)
    if (!counts) {
      counts = { impressions: 0, clicks: 0 }
      this.campaigns.set(campaign, counts)
    }
    if (tag === 'impression') {
      counts.impressions++
      stats.impressions++
    } else {
      counts.clicks++
      stats.clicks++
    }
  }
}
