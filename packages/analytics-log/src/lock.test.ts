import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Type from 'typebox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AnalyticsLog, openAnalyticsLog } from './analytics-log.ts'
import { FolderLock, LOCK_FILE, LockError } from './lock.ts'

const writer = fileURLToPath(new URL('../test/fixtures/writer.ts', import.meta.url))
const tags = { click: Type.Object({ seq: Type.Integer() }) }
let root: string
let podDir: string
const opened: AnalyticsLog[] = []

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'analytics-lock-'))
  podDir = join(root, 'pod-a')
  await mkdir(podDir)
})
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close()
  await rm(root, { recursive: true, force: true })
})

async function open(options: { staleLockMs?: number } = {}) {
  const log = await openAnalyticsLog({ root, pod: 'pod-a', tags, ...options })
  opened.push(log)
  return log
}

async function plantLock(holder: object | string, ageMs = 0) {
  const path = join(podDir, LOCK_FILE)
  await writeFile(path, typeof holder === 'string' ? holder : JSON.stringify(holder))
  const t = (Date.now() - ageMs) / 1000
  await utimes(path, t, t)
}

async function lockHolder() {
  return JSON.parse(await readFile(join(podDir, LOCK_FILE), 'utf8'))
}

describe('the pod folder lock', () => {
  it('holds pid, host and a token while open, and is gone after close', async () => {
    const log = await open()
    expect(await lockHolder()).toMatchObject({ pid: process.pid, host: hostname() })
    await log.close()
    expect(existsSync(join(podDir, LOCK_FILE))).toBe(false)
  })

  it('refuses a second writer in the same process', async () => {
    await open()
    await expect(open()).rejects.toThrow(/already held by this process/)
  })

  it('refuses a second live writer in another process, naming it', async () => {
    const child = spawn(process.execPath, [writer], {
      env: { ...process.env, ROOT: root, POD: 'pod-a', MODE: 'hold' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      await once(child.stdout!, 'data') // {"ready":true}
      const err = await open().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(LockError)
      expect((err as LockError).message).toContain(`pid ${child.pid} on host ${hostname()}`)
      expect((err as LockError).message).toContain('POD_NAME')
    } finally {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    // Killed with -9, it left its lock: a dead pid on this host is taken over at once.
    await open()
    expect((await lockHolder()).pid).toBe(process.pid)
  })

  it('takes over a lock whose holder is dead, or was this very pid (a restarted PID 1)', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    await plantLock({ pid: Number(dead.stdout), host: hostname(), token: 'old', startedAt: '' })
    await (await open()).close()
    await plantLock({ pid: process.pid, host: hostname(), token: 'old', startedAt: '' })
    await open()
    expect((await lockHolder()).token).not.toBe('old')
  })

  it('refuses a fresh lock from another host, takes it over once stale', async () => {
    const other = { pid: 1, host: 'other-node', token: 'theirs', startedAt: '' }
    await plantLock(other)
    await expect(open({ staleLockMs: 60_000 })).rejects.toThrow(/pid 1 on host other-node/)
    await plantLock(other, 61_000)
    await open({ staleLockMs: 60_000 })
    expect((await lockHolder()).token).not.toBe('theirs')
  })

  it('treats a half-written lock as held while fresh', async () => {
    await plantLock('{"pid":12')
    await expect(open()).rejects.toThrow(/has not finished writing it/)
    await plantLock('{"pid":12', 120_000)
    await open()
  })

  it('puts itself back when the lock is deleted, and says when another took it', async () => {
    const lock = await FolderLock.acquire(podDir, { staleMs: 60_000, host: hostname() })
    await rm(join(podDir, LOCK_FILE))
    expect(await lock.refresh()).toBe(true)
    expect((await lockHolder()).token).toBe(lock.holder.token)
    await plantLock({ pid: 2, host: 'x', token: 'thief', startedAt: '' })
    expect(await lock.refresh()).toBe(false)
    await lock.release()
    expect((await lockHolder()).token).toBe('thief') // not ours: left alone
  })
})
