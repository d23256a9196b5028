import type { Readable } from 'node:stream'
import { isoHour } from '@hexad/contracts/time'
import { toSqlDateTime, type DbHandle, type NewDailyStat, type NewHourlyStat } from '@hexad/db'
import { createProgress, type Progress } from '../shared/progress.ts'
import { DayCounter, emptyStats, type LineStats } from './counter.ts'
import type { Plan } from './plan.ts'
import { readLineBatches } from '../shared/read-lines.ts'
import type { AnalyticsSource, InputFile } from './sources.ts'
import { campaignZones, existingCampaigns, storeResults } from './store.ts'

export interface AggregateResult extends LineStats {
  days: string[]
  from: string | null
  to: string | null
  files: number
  /** Files that failed to read (e.g. corrupt gzip): named on stderr, the run goes on. */
  unreadableFiles: string[]
  /** Records of campaigns that no longer exist (daily_stats has a foreign key to campaigns). */
  unknownCampaignRecords: number
  /** daily_stats rows set. */
  rowsWritten: number
  /** hourly_stats rows set (per campaign, creative and local hour). */
  hourlyRowsWritten: number
  watermark: string | null
}

/**
 * Reads the plan's hours from `source`, counts them per day and stores the result. A campaign
 * counts in the days of its advertiser's time zone; an hour is read once per zone whose day
 * covers it (a few zones, a few reads).
 */
export async function aggregateReports(
  handle: DbHandle,
  source: AnalyticsSource,
  plan: Plan,
  progress: Progress = createProgress(),
): Promise<AggregateResult> {
  const stats = emptyStats()
  const unreadableFiles: string[] = []
  const rows: NewDailyStat[] = []
  const hourly: NewHourlyStat[] = []
  let files = 0
  const zones = await campaignZones(handle.db)
  const fallbackZone = plan.days[0]?.timeZone
  for (const day of plan.days) {
    // A campaign the database does not know (deleted) counts in the first zone, to be reported.
    const counts = (campaign: number) => (zones.get(campaign) ?? fallbackZone) === day.timeZone
    const counter = new DayCounter(stats, plan.windowHours, { ...day, counts })
    const hours = [
      ...day.seedHours.map((hour) => ({ hour, seed: true })),
      ...day.hours.map((hour) => ({ hour, seed: false })),
    ]
    for (const { hour, seed } of hours) {
      counter.nextHour({ seed, hour })
      const hourFiles = await source.filesForHour(hour)
      // Open the next file while counting this one: an S3 GET's latency hides behind the work.
      let next = prefetch(hourFiles[0])
      for (const [index, file] of hourFiles.entries()) {
        const opened = next as Promise<Readable>
        next = prefetch(hourFiles[index + 1])
        files++
        progress.update(`${isoHour(hour)}  ${files} files  ${stats.lines.toLocaleString()} lines`)
        const unterminated = seed ? () => {} : () => stats.unterminated++
        if (!(await countFile(file.name, await opened, counter, unterminated))) {
          unreadableFiles.push(file.name)
        }
      }
    }
    for (const [campaign_id, counts] of counter.campaigns) {
      rows.push({ date: day.date, campaign_id, ...counts })
    }
    for (const [campaign_id, creatives] of counter.cells) {
      for (const [creative_id, hours] of creatives) {
        for (const [hourStart, counts] of hours) {
          const hour_start = toSqlDateTime(new Date(hourStart))
          hourly.push({ campaign_id, date: day.date, hour_start, creative_id, ...counts })
        }
      }
    }
  }
  const known = await existingCampaigns(handle.db, [...new Set(rows.map((r) => r.campaign_id))])
  const kept = rows.filter((row) => known.has(row.campaign_id))
  const unknownCampaignRecords = rows
    .filter((row) => !known.has(row.campaign_id))
    .reduce((sum, row) => sum + (row.impressions ?? 0) + (row.clicks ?? 0), 0)
  const keptHourly = hourly.filter((row) => known.has(row.campaign_id))
  await storeResults(
    handle,
    {
      daily: kept,
      hourly: keptHourly,
    },
    plan.nextWatermark,
  )
  progress.done()
  const first = plan.days[0]?.hours[0]
  return {
    days: [...new Set(plan.days.map((d) => d.date))],
    from: first === undefined ? null : isoHour(first),
    to: first === undefined ? null : isoHour(plan.end),
    files,
    ...stats,
    unreadableFiles,
    unknownCampaignRecords,
    rowsWritten: kept.length,
    hourlyRowsWritten: keptHourly.length,
    watermark: plan.nextWatermark === undefined ? null : new Date(plan.nextWatermark).toISOString(),
  }
}

/** Starts opening `file`; a failure surfaces when the loop awaits it, not as unhandled. */
function prefetch(file: InputFile | undefined): Promise<Readable> | undefined {
  const opening = file?.open()
  opening?.catch(() => {})
  return opening
}

/**
 * Counts one file's lines. A corrupt gzip file is skipped (false; what was read before the damage
 * counts): it will never get better, and it must not block every later run. Any other error, such
 * as S3 failing after the SDK's retries, ends the run before anything is stored.
 */
async function countFile(
  name: string,
  stream: Readable,
  counter: DayCounter,
  onUnterminated: () => void,
): Promise<boolean> {
  try {
    for await (const lines of readLineBatches(stream, onUnterminated)) {
      for (const line of lines) counter.countLine(line)
    }
    return true
  } catch (err) {
    if (!String((err as NodeJS.ErrnoException).code).startsWith('Z_')) throw err
    process.stderr.write(
      `aggregate-reports: skipped the rest of ${name}: ${(err as Error).message}\n`,
    )
    return false
  }
}
