// Entry point: `pnpm loadtest …` from the repository root, `node src/cli.ts …` in the image.
import { parseOptions } from './cli/options.ts'
import { UsageError } from './cli/usage-error.ts'
import { summaryText } from './report/summary.ts'
import { writeReport, zipReport } from './report/write.ts'
import { runLoadTest } from './run/load-test.ts'
import { TargetError } from './scenarios/scenario.ts'
import { scenarios } from './scenarios/index.ts'
import { notifySlack, SlackError } from './slack/notify.ts'
import { slackFromEnv } from './slack/settings.ts'

const HELP = `Usage: loadtest --target <url> --scenario <name> [flags]

Sends a scenario's flow of requests to a target with autocannon, writes report.json and a
self-contained report.html, and exits non-zero when a threshold is missed.

Scenarios:
${Object.values(scenarios)
  .map(
    (s) =>
      `  ${s.name.padEnd(10)} ${s.description} (endpoints: ${s.endpoints.map((e) => e.id).join(', ')})`,
  )
  .join('\n')}

Flags:
  --target <url>        the service's origin, e.g. http://127.0.0.1:3002 (required)
  --scenario <name>     publisher or console (required)
  --duration <time>     time at full load, after the ramp-up (default 30s; e.g. 500ms, 20s, 2m)
  --connections <n>     concurrent connections (default 10)
  --rate <n>            cap on requests per second over all connections (default: none)
  --ramp-up <time>      reach full load in 5 steps over this time first (default 0s)
  --timeout <time>      a request without an answer after this is an error (default 10s)
  --threshold <expr>    [endpoint.]metric<op>value, repeatable or comma-separated; metrics
                        min mean p50 p75 p90 p99 p999 max (ms|s), errors (%), rps; endpoint
                        defaults to all (default: p99<50ms,errors<0.1%)
  --out <dir>           where the reports go (default var/loadtest/<scenario>-<time>)
  --slack-webhook       require Slack: fail unless SLACK_WEBHOOK_URL is set (see the README)
  -h, --help            this text

Exit codes: 0 thresholds met, 1 a threshold missed or the run was interrupted, 2 bad flags or
environment, 3 the target or Slack failed.
`

function fail(code: number, message: string, err?: unknown): number {
  process.stderr.write(`loadtest: ${message}\n`)
  if (code === 2) process.stderr.write('Run with --help for usage.\n')
  else if (err instanceof Error && process.env.DEBUG) process.stderr.write(`${err.stack}\n`)
  return code
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const abort = new AbortController()
  const stop = () => abort.abort()
  try {
    const options = parseOptions(argv)
    if (!options) {
      process.stdout.write(HELP)
      return 0
    }
    const slack = slackFromEnv(env, options.slackRequired)
    const { plan, scenario } = options
    process.stderr.write(
      `loadtest: ${scenario.name} → ${plan.target.origin} for ${(plan.rampUpMs + plan.durationMs) / 1000} s\n`,
    )
    // Ctrl-C or the container being stopped: end the load cleanly and still write the report.
    process.once('SIGINT', stop).once('SIGTERM', stop)
    const results = await runLoadTest({ ...options, env, signal: abort.signal })
    const files = await writeReport(options.outDir, results)
    const summary = summaryText(results)
    process.stdout.write(
      `${summary.title}\n${summary.body}\n\nreport: ${files.html}\n        ${files.json}\n`,
    )
    if (slack) {
      const name = `loadtest-${results.scenario}-${results.startedAt.slice(0, 19).replace(/[-:]/g, '')}.zip`
      await notifySlack(slack, summary, { name, title: summary.title, bytes: zipReport(results) })
      process.stderr.write('loadtest: posted to Slack\n')
    }
    return results.passed ? 0 : 1
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message)
    if (err instanceof TargetError || err instanceof SlackError) return fail(3, err.message)
    return fail(3, (err as Error).message, err)
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop)
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2), process.env)
