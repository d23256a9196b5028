// Runs a job the way a container does (`node <entry point>`), for tests of exit codes and output.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/** `entry` is relative to packages/jobs, e.g. 'src/aggregate-reports/cli.ts'. */
export function runCli(
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      // Only what the test gives, plus PATH: a developer's own DATABASE_URL must not leak in.
      { cwd: packageDir, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}

/** The summary: the last line of stdout, parsed. */
export function summaryOf(run: CliRun): Record<string, unknown> {
  const last = run.stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(last) as Record<string, unknown>
}
