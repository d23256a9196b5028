import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface Service {
  name: string
  url: string
  logFile: string
  stop(): Promise<void>
}

const READY_TIMEOUT_MS = 60_000

async function ready(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

/**
 * Starts one of the repo's services (`node apps/<app>/src/server.ts`, as its container does) on
 * 127.0.0.1:<port> and waits for /readyz. Its output goes to `<logDir>/<app>.log`.
 */
export async function startService(
  repo: string,
  app: string,
  port: number,
  env: Record<string, string>,
  logDir: string,
): Promise<Service> {
  const url = `http://127.0.0.1:${port}`
  const logFile = join(logDir, `${app}.log`)
  const log = createWriteStream(logFile)
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: join(repo, 'apps', app),
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), SHUTDOWN_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.pipe(log)
  child.stderr.pipe(log)

  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }

  if (!(await ready(url, child))) {
    await stop()
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30).join('\n')
    throw new Error(`${app} did not become ready at ${url}/readyz; its log ends with:\n${tail}`)
  }
  return { name: app, url, logFile, stop }
}
