import fs from 'node:fs'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Registry } from 'prom-client'
import Type from 'typebox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FaultyFs, faultyFs } from '../test/fault-fs.ts'
import { range, seqs, verifyFolder } from '../test/verify.ts'
import {
  type AnalyticsLog,
  type AnalyticsLogOptions,
  AnalyticsRecordError,
  openAnalyticsLog,
} from './analytics-log.ts'
import { LOCK_FILE } from './lock.ts'

const click = Type.Object({ seq: Type.Integer(), note: Type.Optional(Type.String()) })
const view = Type.Object({ seq: Type.Integer() })
const ping = Type.Object({ note: Type.Optional(Type.String()) })
const tags = { click, view, ping }
type Tags = typeof tags

let root: string
let podDir: string
let log: AnalyticsLog<Tags> | undefined
let fault: FaultyFs | undefined
let logs: { level: string; obj: object; msg: string }[]

const logger = {
  error: (obj: object, msg: string) => void logs.push({ level: 'error', obj, msg }),
  warn: (obj: object, msg: string) => void logs.push({ level: 'warn', obj, msg }),
  info: (obj: object, msg: string) => void logs.push({ level: 'info', obj, msg }),
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'analytics-log-'))
  podDir = join(root, 'pod-a')
  logs = []
})

afterEach(async () => {
  fault?.restore()
  fault = undefined
  await log?.close()
  log = undefined
  await rm(root, { recursive: true, force: true })
})

async function open(overrides: Partial<AnalyticsLogOptions<Tags>> = {}) {
  log = await openAnalyticsLog({
    root,
    pod: 'pod-a',
    tags,
    flushIntervalMs: 50,
    retryIntervalMs: 20,
    logger,
    ...overrides,
  })
  return log
}

/** A clock the test moves by hand. */
function clock(start: number) {
  const c = { now: start, fn: () => c.now }
  return c
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

describe('the line format', () => {
  it('writes one JSON line per record: time (ISO UTC, ms), tag, pod, then the fields', async () => {
    const c = clock(Date.UTC(2026, 0, 2, 3, 4, 5, 678))
    await open({ now: c.fn })
    expect(log!.write('click', { seq: 1, note: 'été "quoted"\n' })).toBe(true)
    c.now += 1
    log!.write('click', { seq: 2 })
    await log!.close()
    const text = await readFile(join(podDir, 'click.20260102-03.0.log'), 'utf8')
    expect(text).toBe(
      '{"time":"2026-01-02T03:04:05.678Z","tag":"click","pod":"pod-a","seq":1,"note":"été \\"quoted\\"\\n"}\n' +
        '{"time":"2026-01-02T03:04:05.679Z","tag":"click","pod":"pod-a","seq":2}\n',
    )
  })

  it('writes an empty record as just time, tag and pod', async () => {
    await open()
    log!.write('ping', {})
    await log!.close()
    const [file] = (await readdir(podDir)).filter((f) => f.startsWith('ping.'))
    const line = await readFile(join(podDir, file!), 'utf8')
    expect(JSON.parse(line)).toEqual({ time: expect.any(String), tag: 'ping', pod: 'pod-a' })
  })

  it('reaches the disk within the flush interval, with no flush call', async () => {
    await open({ flushIntervalMs: 100 })
    log!.write('click', { seq: 1 })
    const written = Date.now()
    await until('the record on disk', async () => {
      const files = await readdir(podDir)
      const file = files.find((f) => f.startsWith('click.'))
      return file !== undefined && (await stat(join(podDir, file))).size > 0
    })
    expect(Date.now() - written).toBeLessThan(1000)
  })

  it('refuses tags and schemas that would break the format', async () => {
    const bad = [
      { 'Has.Dot': click },
      { ok: Type.String() },
      { ok: Type.Object({ time: Type.String() }) },
    ]
    for (const t of bad) {
      await expect(openAnalyticsLog({ root, pod: 'pod-a', tags: t as never })).rejects.toThrow(
        TypeError,
      )
    }
    await expect(openAnalyticsLog({ root, pod: '../up', tags })).rejects.toThrow(/pod folder/)
  })
})

describe('programming errors', () => {
  it('throws on an undeclared tag or an invalid record when strict, writing nothing', async () => {
    await open({ strict: true })
    expect(() => log!.write('nope' as 'click', { seq: 1 })).toThrow(AnalyticsRecordError)
    expect(() => log!.write('click', { seq: 'x' } as never)).toThrow(/\/seq must be integer/)
    expect(() => log!.write('click', { seq: 1, extra: 1 } as never)).toThrow(AnalyticsRecordError)
    expect(() => log!.write('click', { seq: 1.5 })).toThrow(AnalyticsRecordError)
    await log!.close()
    expect(await readdir(podDir)).toEqual([])
  })

  it('counts and drops them when not strict, and says so once a minute', async () => {
    await open({ strict: false })
    expect(log!.write('nope' as 'click', { seq: 1 })).toBe(false)
    expect(log!.write('click', { seq: 'x' } as never)).toBe(false)
    expect(log!.write('click', { seq: 'y' } as never)).toBe(false)
    expect(log!.write('click', { seq: 3 })).toBe(true)
    await log!.close()
    const stats = log!.stats()
    expect(stats.tags.click!.dropped.invalid).toBe(2)
    expect(stats.tags._unknown!.dropped.unknown_tag).toBe(1)
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(2)
    expect(JSON.stringify(logs)).not.toContain('"x"') // no record values in logs
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([3])
  })
})

describe('rotation', () => {
  it('starts a new file before one would pass maxBytes, and never renames', async () => {
    await open({ maxBytes: 1000 })
    for (let seq = 0; seq < 100; seq++) log!.write('click', { seq, note: 'n'.repeat(20) })
    await log!.close()
    const { byTag, files } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual(range(0, 100))
    expect(files.length).toBeGreaterThan(8)
    for (const f of files) expect((await stat(join(podDir, f))).size).toBeLessThanOrEqual(1000)
    expect(files.map((f) => f.split('.')[2])).toEqual(files.map((_, i) => String(i)))
    expect(log!.stats().tags.click!.rotations.size).toBe(files.length - 1)
  })

  it('starts a new file at each UTC hour boundary (injected clock)', async () => {
    const c = clock(Date.UTC(2026, 0, 2, 10, 59, 59, 990))
    await open({ now: c.fn })
    for (let seq = 0; seq < 6; seq++) {
      log!.write('click', { seq })
      c.now += 5
    }
    await log!.close()
    const { byTag, files } = await verifyFolder(podDir) // checks each record is in its file's hour
    expect(files).toEqual(['click.20260102-10.0.log', 'click.20260102-11.0.log'])
    expect(seqs(byTag.get('click'))).toEqual(range(0, 6))
    expect(log!.stats().tags.click!.rotations.hour).toBe(1)
  })

  it('after a restart, continues with the next free index and leaves old files alone', async () => {
    const c = clock(Date.UTC(2026, 0, 2, 10, 0, 0, 0))
    await open({ now: c.fn })
    log!.write('click', { seq: 0 })
    await log!.close()
    const first = await readFile(join(podDir, 'click.20260102-10.0.log'))
    // A writer that died left index 7 behind.
    const leftover = '{"time":"2026-01-02T10:00:00.000Z","tag":"click","pod":"pod-a","seq":1}\n'
    await writeFile(join(podDir, 'click.20260102-10.7.log'), leftover)

    await open({ now: c.fn })
    log!.write('click', { seq: 2 })
    log!.write('view', { seq: 3 })
    await log!.close()
    expect((await readdir(podDir)).sort()).toEqual([
      'click.20260102-10.0.log',
      'click.20260102-10.7.log',
      'click.20260102-10.8.log',
      'view.20260102-10.0.log',
    ])
    expect(await readFile(join(podDir, 'click.20260102-10.0.log'))).toEqual(first)
    expect(await readFile(join(podDir, 'click.20260102-10.7.log'), 'utf8')).toBe(leftover)
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([0, 1, 2])
  })
})

/** Every 'pressure' and 'relief' the writer emits, in order. */
function pressureEvents(writer: AnalyticsLog<Tags>): string[] {
  const events: string[] = []
  writer.on('pressure', (reason) => events.push(`pressure:${reason}`))
  writer.on('relief', () => events.push('relief'))
  return events
}

describe('pressure', () => {
  it('signals it at the high-water mark, before any refusal, and relief once the disk caught up', async () => {
    fault = faultyFs()
    // Writes start at 512 bytes and the flush timer never fires: only the buffer bound is at play.
    await open({ maxBufferBytes: 8192, chunkBytes: 512, flushIntervalMs: 60_000 })
    const events = pressureEvents(log!)
    log!.write('click', { seq: -1 }) // opens the file
    await log!.flush()
    fault.set({ kind: 'stall' })
    const accepted: number[] = []
    let pressureAt = -1
    let firstRefused = -1
    for (let seq = 0; seq < 2000; seq++) {
      if (log!.write('click', { seq })) accepted.push(seq)
      else if (firstRefused < 0) firstRefused = seq
      if (pressureAt < 0 && log!.pressure === 'buffer') pressureAt = seq
    }
    expect(pressureAt).toBeGreaterThan(0)
    expect(firstRefused).toBeGreaterThan(pressureAt) // time to act before anything is refused
    expect(events).toEqual(['pressure:buffer'])
    const stats = log!.stats()
    expect(stats.buffered).toBeLessThanOrEqual(8192)
    expect(stats.tags.click!.dropped.buffer_full).toBe(2000 - accepted.length)
    expect(stats.tags.click!.accepted).toBe(accepted.length + 1)
    fault.set({ kind: 'none' })
    fault.release()
    await until('relief', () => events.includes('relief'))
    expect(log!.pressure).toBeUndefined()
    expect(log!.write('click', { seq: 2000 })).toBe(true)
    await log!.close()
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([-1, ...accepted, 2000])
  })

  it('refuses records while a flush has not completed when the next is due (slow_disk)', async () => {
    fault = faultyFs()
    await open({ flushIntervalMs: 30 })
    const events = pressureEvents(log!)
    log!.write('click', { seq: 0 })
    await log!.flush()
    fault.set({ kind: 'stall' })
    for (let seq = 1; seq <= 5; seq++) expect(log!.write('click', { seq })).toBe(true)
    // The next tick hands 1..5 to a disk that never answers; the one after notices.
    await until('slow_disk', () => log!.pressure === 'slow_disk')
    expect(log!.write('click', { seq: 6 })).toBe(false)
    expect(log!.stats().tags.click!.dropped.slow_disk).toBe(1)
    const { accepted, written } = log!.stats().tags.click!
    expect(accepted - written).toBe(5) // what a kill -9 now would lose: the stalled flush only
    fault.set({ kind: 'none' })
    fault.release()
    await until('relief', () => log!.pressure === undefined)
    expect(events).toEqual(['pressure:slow_disk', 'relief'])
    expect(log!.write('click', { seq: 7 })).toBe(true)
    await log!.close()
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([0, 1, 2, 3, 4, 5, 7])
  })

  it('is none while the disk keeps up, and closed (refusing) once close() has begun', async () => {
    await open({ flushIntervalMs: 20 })
    const events = pressureEvents(log!)
    for (let round = 0; round < 5; round++) {
      for (let seq = round * 100; seq < (round + 1) * 100; seq++) log!.write('click', { seq })
      await sleep(25) // a tick or so between rounds
      expect(log!.pressure).toBeUndefined()
    }
    const closing = log!.close()
    expect(log!.pressure).toBe('closed')
    await closing
    expect(events).toEqual(['pressure:closed'])
  })
})

describe('memory and I/O trouble', () => {
  it('ENOSPC: keeps serving, refuses and counts until the disk takes writes, logs once, resumes', async () => {
    fault = faultyFs()
    await open({ maxBufferBytes: 4096 })
    const accepted: number[] = []
    const write = (seq: number) => log!.write('click', { seq }) && accepted.push(seq)
    for (let seq = 0; seq < 10; seq++) write(seq)
    await log!.flush()
    // The disk fills up in the middle of a line.
    fault.set({ kind: 'error', code: 'ENOSPC', partialBytes: 30 })
    let seq = 10
    for (; seq < 300; seq++) {
      write(seq)
      if (seq % 20 === 0) await sleep(5)
    }
    const stats = log!.stats()
    expect(stats.troubled).toBe(1)
    expect(stats.tags.click!.dropped.io_error).toBeGreaterThan(0)
    const { io_error, buffer_full } = stats.tags.click!.dropped
    expect(io_error + buffer_full + accepted.length).toBe(300)
    // From the first failed write on, nothing is accepted: the disk may never take it.
    expect(log!.pressure).toBe('io_error')
    expect(log!.write('click', { seq: -1 })).toBe(false)
    await sleep(100) // retries every 20 ms, all failing
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(1)
    expect(JSON.stringify(logs[0]!.obj)).toContain('ENOSPC')

    fault.set({ kind: 'none' }) // room again
    await until('writing again', () => logs.some((l) => l.msg.includes('writing again')))
    await until('relief', () => log!.pressure === undefined)
    for (; seq < 320; seq++) expect(write(seq)).toBeTruthy()
    await log!.close()
    // The half-written line was completed in place: one file, no debris, nothing twice.
    const { byTag, files, debris } = await verifyFolder(podDir)
    expect(files).toHaveLength(1)
    expect(debris).toEqual([])
    expect(seqs(byTag.get('click'))).toEqual(accepted)
  })

  it('EIO: gives the file up, and rewrites the cut line whole in a new file', async () => {
    fault = faultyFs()
    await open()
    const accepted: number[] = []
    const write = (seq: number) => log!.write('click', { seq }) && accepted.push(seq)
    for (let seq = 0; seq < 10; seq++) write(seq)
    await log!.flush()
    fault.set({ kind: 'error', code: 'EIO', partialBytes: 30 })
    for (let seq = 10; seq < 20; seq++) write(seq)
    await until('the error', () => logs.some((l) => l.level === 'error'))
    fault.set({ kind: 'none' })
    await until('relief', () => log!.pressure === undefined)
    for (let seq = 20; seq < 30; seq++) write(seq)
    await log!.close()
    const { byTag, files, debris } = await verifyFolder(podDir, { allowDebris: true })
    expect(files).toHaveLength(2)
    expect(debris).toHaveLength(1) // the cut line at the end of the given-up file, skipped
    expect(seqs(byTag.get('click'))).toEqual(accepted)
    expect(accepted).toEqual(range(0, 30))
    expect(log!.stats().tags.click!.rotations.error).toBe(1)
  })

  it('a deleted folder: comes back by itself, lock included', async () => {
    await open()
    log!.write('click', { seq: 0 })
    await log!.flush()
    await rm(podDir, { recursive: true })
    await until('the loss noticed', () => logs.some((l) => l.level === 'error'))
    await until('the folder back', () => fs.existsSync(join(podDir, LOCK_FILE)))
    await until('relief', () => log!.pressure === undefined)
    for (let seq = 1; seq < 5; seq++) log!.write('click', { seq })
    await log!.flush()
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([1, 2, 3, 4])
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(1)
    expect(JSON.parse(await readFile(join(podDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
  })

  it('closing while stalled on ENOSPC with room again: the cut line is completed, all counted', async () => {
    fault = faultyFs()
    await open({ retryIntervalMs: 60_000 }) // no retry before close
    for (let seq = 0; seq < 5; seq++) log!.write('click', { seq })
    await log!.flush()
    fault.set({ kind: 'error', code: 'ENOSPC', partialBytes: 30 })
    for (let seq = 5; seq < 10; seq++) log!.write('click', { seq })
    await until('the stall', () => log!.stats().troubled > 0)
    for (let seq = 10; seq < 15; seq++) expect(log!.write('click', { seq })).toBe(false)
    fault.set({ kind: 'none' })
    await log!.close()
    const { byTag, files } = await verifyFolder(podDir)
    expect(files).toHaveLength(1)
    expect(seqs(byTag.get('click'))).toEqual(range(0, 10))
    expect(log!.stats().tags.click).toMatchObject({
      accepted: 10,
      written: 10,
      dropped: { io_error: 5 }, // refused while stalled, none lost
    })
    expect(log!.stats().tags.click!.bytes).toBe((await stat(join(podDir, files[0]!))).size)
  })

  it('ENOSPC at close: counts what it could not write, and still closes', async () => {
    fault = faultyFs()
    await open()
    log!.write('click', { seq: 0 })
    await log!.flush()
    fault.set({ kind: 'error', code: 'ENOSPC' })
    log!.write('click', { seq: 1 })
    await until('the error', () => log!.stats().troubled > 0)
    const realWriteSync = fs.writeSync
    fs.writeSync = () => {
      throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' })
    }
    try {
      await log!.close()
    } finally {
      fs.writeSync = realWriteSync
    }
    expect(log!.stats().tags.click!.dropped.io_error).toBe(1)
    expect(fs.existsSync(join(podDir, LOCK_FILE))).toBe(false)
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual([0])
  })
})

describe('close', () => {
  it('writes everything accepted, refuses what comes after, and releases the lock', async () => {
    await open({ maxBytes: 64 * 1024 })
    for (let seq = 0; seq < 5000; seq++) log!.write('click', { seq, note: 'x'.repeat(50) })
    const closing = log!.close()
    expect(log!.write('click', { seq: 5000 })).toBe(false)
    await closing
    await log!.close() // twice is fine
    expect(log!.stats().tags.click!.dropped.closed).toBe(1)
    expect(log!.stats().openFiles).toBe(0)
    expect(log!.stats().buffered).toBe(0)
    expect(fs.existsSync(join(podDir, LOCK_FILE))).toBe(false)
    const { byTag } = await verifyFolder(podDir)
    expect(seqs(byTag.get('click'))).toEqual(range(0, 5000))
  })
})

describe('metrics', () => {
  it('exposes written and dropped records by tag and reason, bytes, rotations, open files', async () => {
    const registry = new Registry()
    await open({ registry, strict: false, maxBytes: 200 })
    for (let seq = 0; seq < 5; seq++) log!.write('click', { seq })
    log!.write('click', { seq: 'bad' } as never)
    await log!.flush()
    await until('rotated files closed', () => log!.stats().openFiles === 1)
    const text = await registry.metrics()
    expect(text).toContain('analytics_log_records_accepted_total{tag="click"} 5')
    expect(text).toContain('analytics_log_records_written_total{tag="click"} 5')
    expect(text).toContain('analytics_log_records_written_total{tag="view"} 0')
    expect(text).toContain('analytics_log_records_dropped_total{tag="click",reason="invalid"} 1')
    expect(text).toMatch(/analytics_log_bytes_written_total\{tag="click"\} \d{3}/)
    expect(text).toContain('analytics_log_rotations_total{tag="click",reason="size"} 2')
    expect(text).toContain('analytics_log_open_files 1')
    expect(text).toContain('analytics_log_buffered_bytes 0')
    expect(text).toContain('analytics_log_pressure{reason="io_error"} 0')
  })
})
