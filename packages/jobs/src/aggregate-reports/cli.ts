// Entry point: `node src/aggregate-reports/cli.ts` (container) or `pnpm job aggregate-reports`.
import { createDb } from '@hexad/db'
import { parseFlags, peakRssMiB, printSummary, runCli } from '../shared/cli.ts'
import { aggregateReports } from './aggregate.ts'
import { createSource, loadAggregateConfig } from './config.ts'
import { planRun } from './plan.ts'
import { readWatermark } from './store.ts'

const HELP = `Usage: aggregate-reports [--from YYYY-MM-DD [--to YYYY-MM-DD]] [--include-current-hour]

Counts impressions and clicks per campaign per UTC day from the analytics files and sets
daily_stats. Without --from it resumes from the job_watermarks row (first run: yesterday), reads
the hours complete since then and moves the watermark; with --from/--to it recomputes those days
and leaves the watermark alone. Reads ANALYTICS_LOG_DIR or S3_BUCKET (see the README).

  --from, --to              UTC days to recompute, inclusive (--to defaults to --from)
  --include-current-hour    also count the hour in progress (development; watermark unaffected)
  -h, --help                this text
`

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    'include-current-hour': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  })
  if (flags.help) {
    process.stdout.write(HELP)
    return
  }
  const config = loadAggregateConfig()
  const source = createSource(config)
  const started = performance.now()
  const handle = createDb(config.DATABASE_URL)
  try {
    const plan = planRun({
      now: Date.now(),
      settleMinutes: config.AGGREGATE_SETTLE_MINUTES,
      watermark: await readWatermark(handle.db),
      from: flags.from,
      to: flags.to,
      includeCurrentHour: flags['include-current-hour'],
    })
    const result = await aggregateReports(handle, source, plan)
    const durationMs = Math.round(performance.now() - started)
    printSummary({
      job: 'aggregate-reports',
      source: source.location,
      database: handle.location,
      ...result,
      durationMs,
      linesPerSecond: Math.round(result.lines / Math.max(durationMs / 1000, 0.001)),
      peakRssMiB: peakRssMiB(),
    })
  } finally {
    await handle.db.destroy()
  }
}

if (import.meta.main) await runCli('aggregate-reports', () => main(process.argv.slice(2)))
