import { parseArgs } from 'node:util'
import type { LoadPlan } from '../run/load.ts'
import { scenarios } from '../scenarios/index.ts'
import type { Scenario } from '../scenarios/scenario.ts'
import {
  checkEndpoints,
  DEFAULT_THRESHOLDS,
  parseThreshold,
  type Threshold,
} from '../thresholds.ts'
import { parseDuration } from './duration.ts'
import { UsageError } from './usage-error.ts'

export interface CliOptions {
  scenario: Scenario
  plan: LoadPlan
  thresholds: Threshold[]
  outDir: string
  /** --slack-webhook: Slack must be configured (the URL itself comes from the environment). */
  slackRequired: boolean
}

const FLAGS = {
  target: { type: 'string' },
  scenario: { type: 'string' },
  duration: { type: 'string', default: '30s' },
  connections: { type: 'string', default: '10' },
  rate: { type: 'string' },
  'ramp-up': { type: 'string', default: '0s' },
  timeout: { type: 'string', default: '10s' },
  threshold: { type: 'string', multiple: true },
  out: { type: 'string' },
  'slack-webhook': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** node:util's parse errors, reworded; a value after --slack-webhook is never echoed (a secret). */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: false, strict: true }).values
  } catch (err) {
    const { code, message } = err as { code?: string; message: string }
    const slackAt = argv.findIndex((a) => a.startsWith('--slack-webhook'))
    if (
      slackAt >= 0 &&
      (argv[slackAt]!.includes('=') || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    ) {
      throw new UsageError(
        '--slack-webhook takes no value: put the webhook URL in SLACK_WEBHOOK_URL ' +
          '(secrets stay off the command line, where process lists and build logs show them)',
      )
    }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown flag ${/'([^']+)'/.exec(message)?.[1] ?? ''}`.trim())
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`unexpected argument ${/'([^']+)'/.exec(message)?.[0] ?? ''}`.trim())
    }
    throw new UsageError(message)
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${flag}: "${text}" must be a whole number from ${min} to ${max}`)
  }
  return value
}

function duration(flag: string, text: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(flag, text)
  if (ms < minMs || ms > maxMs) {
    throw new UsageError(
      `${flag}: ${text} is out of range (${minMs / 1000} s to ${maxMs / 1000} s)`,
    )
  }
  return ms
}

function targetUrl(text: string | undefined): URL {
  if (!text) throw new UsageError('--target is required, e.g. --target http://127.0.0.1:3002')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`--target: "${text}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--target: ${url.protocol} is not http: or https:`)
  }
  if (url.pathname !== '/' || url.search || url.username || url.password) {
    throw new UsageError(`--target: give the service's origin only, e.g. ${url.origin}`)
  }
  return url
}

const stamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')

/** Flags → what to run. Null means --help. Every problem is a UsageError naming the flag. */
export function parseOptions(argv: string[], now = new Date()): CliOptions | null {
  const flags = parseFlags(argv)
  if (flags.help) return null
  const name = flags.scenario
  if (!name) throw new UsageError(`--scenario is required (${Object.keys(scenarios).join(', ')})`)
  const scenario = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined
  if (!scenario) {
    throw new UsageError(`--scenario: no scenario "${name}" (${Object.keys(scenarios).join(', ')})`)
  }
  const plan: LoadPlan = {
    target: targetUrl(flags.target),
    connections: integer('--connections', flags.connections, 1, 1_000),
    rate: flags.rate === undefined ? null : integer('--rate', flags.rate, 1, 100_000),
    rampUpMs: duration('--ramp-up', flags['ramp-up'], 0, HOUR),
    durationMs: duration('--duration', flags.duration, 1_000, HOUR),
    timeoutMs: duration('--timeout', flags.timeout, 1_000, 2 * MINUTE),
  }
  // Commas too, so one environment variable can carry the list (see docker/loadtest/buildspec.yml).
  const expressions = (flags.threshold ?? DEFAULT_THRESHOLDS)
    .flatMap((t) => t.split(','))
    .filter((t) => t.trim() !== '')
  const thresholds = expressions.map(parseThreshold)
  checkEndpoints(
    thresholds,
    scenario.endpoints.map((e) => e.id),
  )
  return {
    scenario,
    plan,
    thresholds,
    outDir: flags.out ?? `var/loadtest/${scenario.name}-${stamp(now)}`,
    slackRequired: flags['slack-webhook'],
  }
}
