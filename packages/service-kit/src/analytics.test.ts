import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { LOCK_FILE, listAnalyticsFiles, readAnalyticsFile } from '@hexad/analytics-log'
import Type from 'typebox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, serviceConfigSchema } from './config.ts'
import { type ServiceInstance, createService } from './create-service.ts'
import { type Tmpfs, freePort, mountTmpfs } from '@hexad/test-support'

const fixture = fileURLToPath(new URL('../test/fixtures/analytics-service.ts', import.meta.url))
const hit = Type.Object({ seq: Type.Integer({ minimum: 0 }) })
let root: string
let app: ServiceInstance | undefined
let tmpfs: Tmpfs | undefined

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'service-analytics-'))
})
afterEach(async () => {
  await app?.close()
  app = undefined
  tmpfs?.unmount()
  tmpfs = undefined
  await rm(root, { recursive: true, force: true })
})

/** Every record of the pod folder, after checking each file ends with a whole line. */
async function recordsOnDisk(podDir: string) {
  const records: Record<string, unknown>[] = []
  for (const file of await listAnalyticsFiles(podDir)) {
    const { records: r, tail } = await readAnalyticsFile(file.path)
    expect(tail).toBe('')
    records.push(...r)
  }
  return records
}

async function buildApp(variables: Record<string, string> = {}) {
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ANALYTICS_LOG_DIR: root,
    POD_NAME: 'svc-1',
    ...variables,
  }
  app = await createService({
    config: loadConfig(serviceConfigSchema({}), env),
    env,
    analytics: { tags: { hit } },
  })
  app.get('/hit/:seq', async (request) => ({
    accepted: app!.analytics.write('hit', { seq: Number((request.params as { seq: string }).seq) }),
  }))
  app.get('/bad', async () => app!.analytics.write('hit', { seq: -1 }))
  return app
}

describe('createService({ analytics })', () => {
  it('gives app.analytics, its metrics in app.metrics, and flushes and unlocks on close', async () => {
    await buildApp()
    for (let seq = 0; seq < 3; seq++) {
      expect((await app!.inject(`/hit/${seq}`)).json()).toEqual({ accepted: true })
    }
    const metrics = (await app!.operations.inject('/metrics')).body
    expect(metrics).toMatch(/analytics_log_open_files [01]/) // opened asynchronously
    expect(metrics).toContain('analytics_log_records_dropped_total{tag="hit",reason="invalid"} 0')
    await app!.close()
    app = undefined
    const records = await recordsOnDisk(join(root, 'svc-1'))
    expect(records.map((r) => [r.tag, r.pod, r.seq])).toEqual([
      ['hit', 'svc-1', 0],
      ['hit', 'svc-1', 1],
      ['hit', 'svc-1', 2],
    ])
    expect(existsSync(join(root, 'svc-1', LOCK_FILE))).toBe(false)
  })

  it('makes an invalid record a 500 outside production, a counted drop in production', async () => {
    await buildApp()
    expect((await app!.inject('/bad')).statusCode).toBe(500)
    await app!.close()
    await buildApp({ NODE_ENV: 'production' })
    expect((await app!.inject('/bad')).json()).toBe(false)
    expect((await app!.operations.inject('/metrics')).body).toContain(
      'analytics_log_records_dropped_total{tag="hit",reason="invalid"} 1',
    )
  })

  it('reads its variables itself and names every bad one', async () => {
    const started = buildApp({
      ANALYTICS_FLUSH_INTERVAL_MS: '5',
      ANALYTICS_MAX_AGE_HOURS: 'forever',
      POD_NAME: '-not/a/pod-',
    })
    await expect(started).rejects.toThrow(ConfigError)
    await expect(started).rejects.toMatchObject({
      problems: [
        'ANALYTICS_FLUSH_INTERVAL_MS: must be >= 10',
        'ANALYTICS_MAX_AGE_HOURS: must be integer',
        expect.stringMatching(/^POD_NAME: /),
      ],
    })
  })

  it('reads nothing of analytics for a service without tags', async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', ANALYTICS_MAX_AGE_HOURS: 'forever' }
    app = await createService({ config: loadConfig(serviceConfigSchema({}), env), env })
    expect(app.hasDecorator('analytics')).toBe(false)
  })

  it('fails /readyz once the writer refuses records (closed)', async () => {
    await buildApp()
    expect((await app!.inject('/readyz')).statusCode).toBe(200)
    await app!.analytics.close()
    expect((await app!.inject('/hit/1')).json()).toEqual({ accepted: false })
    const ready = await app!.inject('/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json().checks).toEqual({ analytics_log: 'refusing records: closed' })
  })

  it('fails /readyz while a full disk makes the writer refuse, and passes once there is room', async (ctx) => {
    tmpfs = mountTmpfs(join(root, 'mnt'), '1m')
    if (!tmpfs) return ctx.skip() // not root, or a container that may not mount
    await buildApp({ ANALYTICS_LOG_DIR: tmpfs.path, ANALYTICS_FLUSH_INTERVAL_MS: '20' })
    expect((await app!.inject('/readyz')).statusCode).toBe(200)
    const ballast = tmpfs.fill(16 * 1024)
    const accepted: number[] = []
    for (let seq = 0; ; seq++) {
      if ((await app!.inject(`/hit/${seq}`)).json().accepted) accepted.push(seq)
      else break
      if (seq % 20 === 0) await sleep(5) // let the flush timer meet the full disk
      expect(seq).toBeLessThan(100_000)
    }
    const ready = await app!.inject('/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json().checks.analytics_log).toMatch(/refusing records/)

    await rm(ballast)
    for (let i = 0; (await app!.inject('/readyz')).statusCode !== 200; i++) {
      expect(i, 'ready again').toBeLessThan(500)
      await sleep(20)
    }
    await app!.close()
    app = undefined
    const records = await recordsOnDisk(join(tmpfs.path, 'svc-1'))
    expect(records.map((r) => r.seq)).toEqual(accepted) // every accepted record, once
  }, 30_000)

  it('refuses to start when another live writer holds the pod folder', async () => {
    await buildApp()
    const first = app
    await expect(buildApp()).rejects.toThrow(/already held/)
    app = first
  })
})

function post(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path, method: 'POST', agent: false }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode!, body }))
      })
      .on('error', reject)
      .end()
  })
}

describe('a service under load, stopped with SIGTERM', () => {
  it('has every record it answered for on disk, once, whole', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, [fixture], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        SHUTDOWN_DELAY_MS: '300',
        ANALYTICS_LOG_DIR: root,
        POD_NAME: 'svc-1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = once(child, 'exit')
    let out = ''
    child.stdout!.on('data', (c) => (out += c))
    while (!out.includes('Server listening')) await new Promise((r) => setTimeout(r, 20))

    // Eight clients, each sending requests back to back until the server stops answering.
    let next = 0
    const answered: number[] = []
    const attempted = new Set<number>()
    const client = async () => {
      for (;;) {
        const seq = next++
        attempted.add(seq)
        try {
          const res = await post(port, `/hit/${seq}`)
          if (res.status === 200 && JSON.parse(res.body).accepted === true) answered.push(seq)
        } catch {
          return // refused: the server has closed
        }
      }
    }
    const clients = Array.from({ length: 8 }, client)
    await new Promise((r) => setTimeout(r, 500))
    child.kill('SIGTERM')
    await Promise.all(clients)
    expect((await exited)[0]).toBe(0)

    const onDisk = (await recordsOnDisk(join(root, 'svc-1'))).map((r) => r.seq as number)
    expect(answered.length).toBeGreaterThan(20)
    expect(new Set(onDisk).size).toBe(onDisk.length) // once
    const disk = new Set(onDisk)
    expect(answered.filter((s) => !disk.has(s))).toEqual([]) // every answered record is there
    expect(onDisk.filter((s) => !attempted.has(s))).toEqual([])
  }, 30_000)
})
