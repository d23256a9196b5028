import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'

/** Bad input from the person or the CronJob spec: printed as a message, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A job ran and found something wrong (e.g. a checksum mismatch): its report is already out. */
export class JobFailed extends Error {
  override name = 'JobFailed'
}

/**
 * Runs a job's main function as a process: the exit code it returns, or 2 for bad input and 1
 * for anything else, with one readable message on stderr and never a stack trace (a CronJob's
 * log is read by a person at 3 am; a stack trace of a refused flag helps nobody). Set DEBUG=1 to
 * see the stack of an unexpected error.
 */
export async function runCli(job: string, main: () => Promise<void>): Promise<void> {
  try {
    await main()
    process.exitCode ??= 0
  } catch (err) {
    const bad = err instanceof UsageError
    process.exitCode = bad ? 2 : 1
    if (err instanceof JobFailed) return
    process.stderr.write(`${job}: ${errorMessage(err)}\n`)
    if (bad) process.stderr.write(`Run with --help for usage.\n`)
    else if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`)
  }
}

/** An error's message and its cause's, on one line: what a person reading a job's log needs. */
export function errorMessage(err: unknown): string {
  const error = err as Error
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}

/** node:util parseArgs, with its TypeError for an unknown or malformed flag turned into usage. */
export function parseFlags<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options,
      allowPositionals: false,
      allowNegative: true,
      strict: true,
    }).values
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

/** The one machine-readable line a run ends with (stdout, so a log pipeline can parse it). */
export function printSummary(summary: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(summary)}\n`)
}

/** Peak resident memory of this process so far, for the summary line. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}
