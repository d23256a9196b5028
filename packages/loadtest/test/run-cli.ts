// Runs the CLI as `pnpm loadtest` does (`node src/cli.ts`), for tests of exit codes and output.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

const entry = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

/** `whileRunning` gets the child once it has started, e.g. to send it a signal. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  whileRunning?: (child: ReturnType<typeof spawn>) => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // Only what the test gives, plus PATH: a developer's own SLACK_* must not leak in.
    const child = spawn(process.execPath, [entry, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    whileRunning?.(child)
  })
}
