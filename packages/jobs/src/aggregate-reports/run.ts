import { createDb } from '@hexad/db'
import { peakRssMiB } from '../shared/cli.ts'
import type { Progress } from '../shared/progress.ts'
import { aggregateReports } from './aggregate.ts'
import { createSource, type AggregateConfig } from './config.ts'
import { planRun, windowHoursFor } from './plan.ts'
import { readWatermark, timeZonesInUse } from './store.ts'

export interface RunOptions {
  settleMs: number
  from?: string | undefined
  to?: string | undefined
  progress?: Progress
}

/** One run, as the CLI and the development loop do it: plan, count, store; the summary. */
export async function runAggregation(config: AggregateConfig, options: RunOptions) {
  const source = createSource(config)
  const started = performance.now()
  const handle = createDb(config.DATABASE_URL)
  try {
    const plan = planRun({
      now: Date.now(),
      timeZones: await timeZonesInUse(handle.db),
      settleMs: options.settleMs,
      watermark: await readWatermark(handle.db),
      windowHours: windowHoursFor(config.AD_TOKEN_TTL_SECONDS),
      from: options.from,
      to: options.to,
    })
    const result = await aggregateReports(handle, source, plan, options.progress)
    const durationMs = Math.round(performance.now() - started)
    return {
      job: 'aggregate-reports',
      source: source.location,
      database: handle.location,
      ...result,
      durationMs,
      linesPerSecond: Math.round(result.lines / Math.max(durationMs / 1000, 0.001)),
      peakRssMiB: peakRssMiB(),
    }
  } finally {
    await handle.db.destroy()
  }
}
