// Entry point: `node src/aggregate-reports/cli.ts` (container) or `pnpm job aggregate-reports`.
import { parseFlags, printSummary, runCli } from '../shared/cli.ts'
import { loadAggregateConfig } from './config.ts'
import { runAggregation } from './run.ts'

const HELP = `Usage: aggregate-reports [--from YYYY-MM-DD [--to YYYY-MM-DD]]

Counts impressions and clicks per campaign per advertiser's day from the analytics files and sets
daily_stats. Without --from it resumes from the job_watermarks row (first run: yesterday), counts
every day since, up to the hour in progress, and moves the watermark to the run's time less
AGGREGATE_SETTLE_MINUTES (what the console shows as "as of"); with --from/--to it recomputes
those days and leaves the watermark alone. Reads ANALYTICS_LOG_DIR or S3_BUCKET (see the README).

  --from, --to   days to recompute in each advertiser's zone, inclusive (--to defaults to --from)
  -h, --help     this text
`

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (flags.help) {
    process.stdout.write(HELP)
    return
  }
  const config = loadAggregateConfig()
  printSummary(
    await runAggregation(config, {
      settleMs: config.AGGREGATE_SETTLE_MINUTES * 60_000,
      from: flags.from,
      to: flags.to,
    }),
  )
}

if (import.meta.main) await runCli('aggregate-reports', () => main(process.argv.slice(2)))
