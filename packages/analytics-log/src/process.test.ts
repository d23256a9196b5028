// Real processes, really killed: what is on disk afterwards is what the shipper would get.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type Tmpfs, canMountTmpfs, mountTmpfs } from '@hexad/test-support'
import Type from 'typebox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { range, seqs, verifyFolder } from '../test/verify.ts'
import { openAnalyticsLog } from './analytics-log.ts'

const writer = fileURLToPath(new URL('../test/fixtures/writer.ts', import.meta.url))
let root: string
const children: ChildProcess[] = []

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'analytics-process-'))
})
afterEach(async () => {
  // A test that failed half-way must not leave a writer running.
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  }
  await rm(root, { recursive: true, force: true })
})

interface Progress {
  accepted?: number
  at?: number
  final?: number
  ready?: boolean
  paused?: { accepted: number; written: number }
}

/** The fixture writer as a child, its progress lines collected as they come. */
function startWriter(env: Record<string, string>) {
  const child = spawn(process.execPath, [writer], {
    env: { ...process.env, ROOT: root, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const lines: Progress[] = []
  let buffered = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop()!
    for (const p of parts) lines.push(JSON.parse(p) as Progress)
  })
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }))
  const accepted = () => lines.findLast((l) => l.accepted !== undefined)?.accepted ?? 0
  return { child, lines, exited, accepted }
}

async function until(what: string, cond: () => boolean, ms = 15_000) {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  child.kill(signal)
}

// Real processes on a busy CI machine: a generous budget, as service-kit's shutdown tests have.
describe('a writer process', { timeout: 30_000 }, () => {
  it('SIGTERM under load: every accepted record is on disk, once, whole', async () => {
    // ~40,000 records/s with the default 1 s flush interval: most of them are in memory.
    const w = startWriter({ POD: 'pod-a', MODE: 'load', RATE: '400' })
    await until('load', () => w.accepted() > 20_000)
    kill(w.child, 'SIGTERM')
    expect(await w.exited).toEqual({ code: 0, signal: null })
    const final = w.lines.at(-1)!.final!
    expect(final).toBeGreaterThan(20_000)
    const { byTag } = await verifyFolder(join(root, 'pod-a'))
    expect(seqs(byTag.get('click'))).toEqual(range(0, final))
    expect(seqs(byTag.get('view'))).toEqual(range(0, final).filter((s) => s % 10 === 0))
  })

  it('kill -9: only records of the last two flush intervals may be missing, no partial line, and a restart carries on', async () => {
    const flushMs = 200
    const rate = 100 // records per 10 ms timer
    const w = startWriter({
      POD: 'pod-a',
      MODE: 'load',
      RATE: String(rate),
      FLUSH_MS: String(flushMs),
    })
    await until('load', () => w.accepted() > 10_000)
    // Stop the load and learn exactly what was accepted and written, then kill at once.
    kill(w.child, 'SIGUSR2')
    await until('paused', () => w.lines.some((l) => l.paused))
    kill(w.child, 'SIGKILL')
    await w.exited
    const { accepted, written } = w.lines.find((l) => l.paused)!.paused!
    const { byTag } = await verifyFolder(join(root, 'pod-a')) // no partial lines, no duplicates
    const onDisk = seqs(byTag.get('click'))
    expect(onDisk).toEqual(range(0, onDisk.length)) // a prefix: only the tail is missing
    expect(onDisk.length).toBeGreaterThanOrEqual(written) // nothing confirmed written is lost
    expect(onDisk.length).toBeLessThanOrEqual(accepted)
    // The writer refuses records once a flush is not done when the next is due, so what waits
    // was accepted since the flush before last: by counting timers, not time, at most two flush
    // intervals of 10 ms load ticks (one more each for timers that fire late together).
    expect(accepted - onDisk.length).toBeLessThanOrEqual(2 * (flushMs / 10 + 1) * rate)

    // The next writer takes the dead one's lock and opens new files, never appending.
    const log = await openAnalyticsLog({
      root,
      pod: 'pod-a',
      tags: { click: Type.Object({ seq: Type.Integer(), pad: Type.String() }) },
    })
    log.write('click', { seq: 1e9, pad: '' })
    await log.close()
    const after = await verifyFolder(join(root, 'pod-a'))
    expect(seqs(after.byTag.get('click'))).toEqual([...onDisk, 1e9])
  })

  it('two pods side by side under one root: each in its own folder, nothing mixed', async () => {
    const a = startWriter({ POD: 'pod-a', MODE: 'count', COUNT: '20000' })
    const b = startWriter({ POD: 'pod-b', MODE: 'count', COUNT: '15000' })
    expect(await a.exited).toEqual({ code: 0, signal: null })
    expect(await b.exited).toEqual({ code: 0, signal: null })
    // verifyFolder checks every record's pod against its folder.
    expect(seqs((await verifyFolder(join(root, 'pod-a'))).byTag.get('click'))).toEqual(
      range(0, 20_000),
    )
    expect(seqs((await verifyFolder(join(root, 'pod-b'))).byTag.get('click'))).toEqual(
      range(0, 15_000),
    )
  })
})

// A real full disk, where the kernel can mount a tmpfs for us (root in a VM or a privileged CI
// container); the fault-injecting seam in analytics-log.test.ts covers ENOSPC everywhere else.
describe.runIf(canMountTmpfs())('on a tiny tmpfs', { timeout: 30_000 }, () => {
  let tmpfs: Tmpfs | undefined
  beforeEach(() => {
    tmpfs = mountTmpfs(join(root, 'mnt'), '1m')
  })
  afterEach(() => tmpfs?.unmount())

  it('ENOSPC for real: refuses and counts, then resumes when space is freed', async (ctx) => {
    if (!tmpfs) return ctx.skip() // not allowed here after all (no CAP_SYS_ADMIN)
    const mnt = tmpfs.path
    const errors: object[] = []
    const log = await openAnalyticsLog({
      root: mnt,
      pod: 'pod-a',
      tags: { click: Type.Object({ seq: Type.Integer(), pad: Type.String() }) },
      flushIntervalMs: 20,
      retryIntervalMs: 20,
      maxBufferBytes: 64 * 1024,
      logger: { error: (o) => errors.push(o), warn: () => {}, info: () => {} },
    })
    // Leave ~100 KiB free, then write 400 KiB of records.
    const ballast = tmpfs.fill(100 * 1024)
    const pad = 'p'.repeat(200)
    const accepted: number[] = []
    for (let seq = 0; seq < 2000; seq++) {
      if (log.write('click', { seq, pad })) accepted.push(seq)
      if (seq % 20 === 0) await sleep(2)
    }
    const stats = log.stats()
    expect(stats.troubled).toBe(1)
    expect(stats.pressure).toBe('io_error')
    expect(stats.tags.click!.dropped.io_error).toBeGreaterThan(0)
    expect(stats.tags.click!.accepted).toBe(accepted.length)
    expect(errors).toHaveLength(1)

    await rm(ballast)
    await until('relief', () => log.pressure === undefined) // the backlog is written
    for (let seq = 2000; seq < 2100; seq++) if (log.write('click', { seq, pad })) accepted.push(seq)
    await log.close()
    const { byTag, debris } = await verifyFolder(join(mnt, 'pod-a'))
    expect(debris).toEqual([])
    expect(seqs(byTag.get('click'))).toEqual(accepted)
    expect(accepted.at(-1)).toBe(2099)
  })
})
