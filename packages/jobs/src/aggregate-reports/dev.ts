// `pnpm dev` runs this (packages/jobs' dev script): aggregate-reports over the local analytics
// folder every minute, so the console's reports move while you click through the demo.
import { setTimeout as sleep } from 'node:timers/promises'
import { UsageError, errorMessage, parseFlags, runCli } from '../shared/cli.ts'
import { loadAggregateConfig } from './config.ts'
import { runAggregation } from './run.ts'

const HELP = `Usage: node src/aggregate-reports/dev.ts [--every SECONDS] [--settle SECONDS]

Runs aggregate-reports (scheduled mode: from the watermark, the hour in progress included) every
--every seconds (60) until stopped, with a settle time of --settle seconds (5: the writer flushes
every second), and prints one line per run. Reads ANALYTICS_LOG_DIR like the job.
`

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    every: { type: 'string', default: '60' },
    settle: { type: 'string', default: '5' },
    help: { type: 'boolean', short: 'h' },
  })
  if (flags.help) {
    process.stdout.write(HELP)
    return
  }
  const everyMs = seconds('--every', flags.every) * 1000
  const settleMs = seconds('--settle', flags.settle) * 1000
  const config = loadAggregateConfig()
  for (;;) {
    try {
      const run = await runAggregation(config, { settleMs })
      const asOf = run.watermark ? `, as of ${run.watermark}` : ''
      process.stdout.write(
        `aggregate-reports: ${run.impressions} impressions, ${run.clicks} clicks on ` +
          `${run.days.join(', ')}${asOf} (${run.files} files, ${run.durationMs} ms)\n`,
      )
    } catch (err) {
      // The database may not be migrated yet (console-api does it as it starts), the folder not
      // written yet: say so and try again next time.
      process.stdout.write(
        `aggregate-reports: ${errorMessage(err)}; again in ${everyMs / 1000} s\n`,
      )
    }
    await sleep(everyMs)
  }
}

function seconds(flag: string, value: string): number {
  if (!/^\d{1,5}$/.test(value)) throw new UsageError(`${flag} takes whole seconds`)
  return Number(value)
}

if (import.meta.main) await runCli('aggregate-reports dev', () => main(process.argv.slice(2)))
