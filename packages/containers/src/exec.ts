import { execFileSync, spawnSync } from 'node:child_process'

// Hand-written over child_process on purpose: a few synchronous calls whose output either streams
// to the person running the command or is read whole; nothing here needs a process library.

/** A progress line for the person running the command (these modules are command-line tools). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Runs a command with its output on this terminal; throws if it fails. */
export function run(command: string, args: readonly string[], cwd?: string): void {
  say(`$ ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', cwd })
  if (result.error) throw result.error
  if (result.status !== 0) {
    throw new Error(`${command} ${args[0] ?? ''} exited with ${result.status ?? result.signal}`)
  }
}

/** Runs a command and returns its trimmed standard output; throws (with stderr) if it fails. */
export function capture(command: string, args: readonly string[], cwd?: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  }).trim()
}

/** True when the command runs and exits 0. */
export function succeeds(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0
}
