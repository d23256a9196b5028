import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pino from 'pino'
import type { Registry } from 'prom-client'
import { POD_PATTERN, TAG_PATTERN, lineHead, parseFileName } from '@hexad/contracts/analytics'
import { HOUR_MS } from '@hexad/contracts/time'
import type { Static, TObject } from 'typebox'
import type { Validator } from 'typebox/compile'
import { FolderLock } from './lock.ts'
import {
  type DropReason,
  type PressureReason,
  TagCounters,
  type TagTotals,
  UNKNOWN_TAG,
  registerMetrics,
} from './metrics.ts'
import { applyRetention } from './retention.ts'
import type { Sink, SinkOwner } from './sink.ts'
import { IsoClock } from './iso-clock.ts'
import { TagState } from './tag-state.ts'

/** Tag name → TypeBox object schema of its records. */
export type TagSchemas<T = Record<string, TObject>> = { [K in keyof T]: TObject }

/**
 * Services declare their tags here once, and `app.analytics.write` is typed everywhere:
 * `declare module '@hexad/analytics-log' { interface AnalyticsTags { click: typeof click } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AnalyticsTags {}

/** The declared tags, or any tag with any object schema while none are declared. */
export type DeclaredTags = [keyof AnalyticsTags] extends [never] ? TagSchemas : AnalyticsTags

/** The subset of a pino logger the writer reports through (app.log fits). */
export interface AnalyticsLogger {
  error(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export interface AnalyticsLogOptions<T extends TagSchemas<T>> {
  /** The shared root (ANALYTICS_LOG_DIR); this process writes only under `<root>/<pod>/`. */
  root: string
  /** POD_NAME (downward API), or the hostname. */
  pod: string
  /** Every tag with the TypeBox schema of its records; nothing else can be written. */
  tags: T
  /** Start a new file when the current one would pass this size. Default 64 MiB. */
  maxBytes?: number
  /** Buffered records reach the disk at least this often. Default 1000 ms. */
  flushIntervalMs?: number
  /** Bytes accepted but not yet written, over all tags; past it records are dropped. 16 MiB. */
  maxBufferBytes?: number
  /**
   * Bytes waiting to be written past which the writer is under `buffer` pressure (it still
   * accepts), until half as many wait. Default: half of maxBufferBytes.
   */
  highWaterBytes?: number
  /** Closed files last written longer ago are deleted. Default 72 h. */
  maxAgeHours?: number
  /** The pod folder is kept under this many bytes, oldest closed files deleted first. 2 GiB. */
  totalSizeCap?: number
  /**
   * Throw on an undeclared tag or an invalid record (a programming error) instead of counting and
   * dropping it. Default: on unless NODE_ENV is production.
   */
  strict?: boolean
  /** Where the writer's own problems go (rate-limited). Default: pino to stdout. */
  logger?: AnalyticsLogger
  /** Register the writer's metrics here (service-kit passes `app.metrics`). */
  registry?: Registry
  /** The clock for record times and hour rotation; tests inject one. */
  now?: () => number
  /** Recorded in the lock file. Default os.hostname(). */
  host?: string
  /** A lock not refreshed for this long is taken over. Default 60 s. */
  staleLockMs?: number
  /** How often a writer that met an I/O error tries again. Default 1000 ms. */
  retryIntervalMs?: number
  /** Buffered bytes of one file that trigger a write before the flush interval. Default 64 KiB. */
  chunkBytes?: number
  /** At most one error log per this interval. Default 60 s. */
  errorLogIntervalMs?: number
}

/** An undeclared tag or an invalid record, thrown when `strict`. */
export class AnalyticsRecordError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AnalyticsRecordError'
  }
}

const RESERVED = Object.keys(lineHead.properties)

/** A snapshot for tests and debugging; metrics are the production view. */
export interface AnalyticsLogStats {
  buffered: number
  openFiles: number
  troubled: number
  pressure: PressureReason | undefined
  tags: Record<string, TagTotals>
}

/** What a service (or a producer) acts on before records are refused, and when it may go on. */
export type AnalyticsLogEvents = {
  /** Pressure began, or its reason changed (`log.pressure` says which). */
  pressure: [reason: PressureReason]
  /** No pressure any more: accepting, and at most half the high-water mark waiting. */
  relief: []
}

/**
 * Writes tagged analytics records as JSON lines into `<root>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log`.
 * Open one with `openAnalyticsLog`; see README.md for the file contract.
 */
export class AnalyticsLog<T extends TagSchemas<T> = TagSchemas>
  extends EventEmitter<AnalyticsLogEvents>
  implements SinkOwner
{
  readonly dir: string
  readonly pod: string
  readonly chunkBytes: number
  private isClosed = false
  /** Bytes accepted but not yet written, all tags together: what maxBufferBytes bounds. */
  private buffered = 0
  /** Files open for writing: retention never deletes them. */
  private readonly openNames = new Set<string>()
  /** Files rotated away whose fsync and close are still under way: close() waits for them. */
  private readonly closingFiles = new Set<Sink>()

  private readonly tags = new Map<string, TagState>()
  private readonly unknown = new TagCounters()
  private readonly maxBytes: number
  private readonly maxBufferBytes: number
  private readonly highWaterBytes: number
  /** Set while `write` refuses every record: closed, an I/O error, or a flush not completed. */
  private refusal: Exclude<PressureReason, 'buffer'> | undefined
  /** A flush had not completed when the next was due; cleared once everything it held is written. */
  private lagging = false
  /** Above the high-water mark, and not yet back under half of it. */
  private bufferPressure = false
  private currentPressure: PressureReason | undefined
  private readonly strict: boolean
  private readonly logger: AnalyticsLogger
  private readonly now: () => number
  private readonly options: AnalyticsLogOptions<T>
  private readonly lock: FolderLock
  private readonly troubled = new Set<Sink>()
  private readonly writeErrors = new Map<string, number>()
  private readonly warnedAt = new Map<string, number>()
  private readonly timers: NodeJS.Timeout[] = []
  private recoveryTimer: NodeJS.Timeout | undefined
  private recovering = false
  private lastErrorLog = -Infinity
  private suppressedErrors = 0
  private retentionRunning: Promise<void> | undefined
  private retentionAgain = false
  private deletedFiles = 0
  private readonly clock = new IsoClock()
  private closing: Promise<void> | undefined

  /** Use openAnalyticsLog(): the lock and the scan of the folder are asynchronous. */
  constructor(options: AnalyticsLogOptions<T>, dir: string, lock: FolderLock, existing: string[]) {
    super()
    this.options = options
    this.dir = dir
    this.pod = options.pod
    this.lock = lock
    this.chunkBytes = options.chunkBytes ?? 64 * 1024
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024
    this.maxBufferBytes = options.maxBufferBytes ?? 16 * 1024 * 1024
    this.highWaterBytes = options.highWaterBytes ?? this.maxBufferBytes / 2
    this.strict = options.strict ?? process.env.NODE_ENV !== 'production'
    this.logger = options.logger ?? pino({ name: 'analytics-log' })
    this.now = options.now ?? Date.now
    for (const [name, schema] of Object.entries(options.tags) as [string, TObject][]) {
      this.tags.set(name, new TagState(name, schema, options.pod, this))
    }
    for (const name of existing) {
      const parsed = parseFileName(name)
      if (parsed) this.tags.get(parsed.tag)?.noteExisting(parsed.hour, parsed.index)
    }
    if (options.registry) {
      registerMetrics(options.registry, {
        counters: () => this.allCounters(),
        openFiles: () => this.openNames.size,
        bufferedBytes: () => this.buffered,
        writeErrors: () => this.writeErrors,
        deletedFiles: () => this.deletedFiles,
        pressure: () => this.currentPressure,
      })
    }
    const every = (ms: number, fn: () => void) => this.timers.push(setInterval(fn, ms).unref())
    every(options.flushIntervalMs ?? 1000, () => this.tick())
    const staleMs = options.staleLockMs ?? 60_000
    every(Math.max(1000, staleMs / 3), () => void this.refreshLock())
    every(10 * 60_000, () => this.scheduleRetention())
    this.scheduleRetention()
  }

  /**
   * Accept one record: validated, stamped with time, tag and pod, buffered. Never blocks and never
   * throws for I/O. Returns true when the record is accepted: it will be written unless the
   * process is killed within two flush intervals (README). Returns false when it was refused
   * (and counted): while `pressure` is `slow_disk`, `io_error` or `closed`, or when it would pass
   * maxBufferBytes.
   */
  write<K extends keyof T & string>(tag: K, record: Static<T[K]>): boolean {
    const t = this.tags.get(tag)
    if (t === undefined) return this.reject(undefined, tag, record, 'unknown_tag')
    if (!t.validator.Check(record)) return this.reject(t, tag, record, 'invalid')
    if (this.refusal !== undefined) return this.drop(t, this.refusal)
    const now = this.now()
    t.enterHour(now)
    const prefix = t.linePrefix(now, this.clock)
    let json: string
    try {
      json = JSON.stringify(record)
    } catch {
      return this.reject(t, tag, record, 'invalid') // a BigInt or a cycle in a Type.Unknown field
    }
    if (json.charCodeAt(0) !== 0x7b) return this.reject(t, tag, record, 'invalid') // a toJSON()
    // The prefix is ASCII (ISO time, tag and pod patterns), UTF-8 takes at most 3 bytes per
    // UTF-16 unit: `room` bounds the line's size; the exact size is counted only near a limit.
    const room = prefix.length + json.length * 3 + 1
    let sink = t.current
    if (
      this.buffered + room > this.maxBufferBytes ||
      (sink.bytes + room > this.maxBytes && sink.bytes > 0)
    ) {
      const jsonBytes = Buffer.byteLength(json)
      const bytes = prefix.length + jsonBytes + (jsonBytes > 2 ? 1 : 0)
      if (this.buffered + bytes > this.maxBufferBytes) return this.drop(t, 'buffer_full')
      if (sink.bytes + bytes > this.maxBytes && sink.bytes > 0) {
        sink = t.rotate('size')
      }
    }
    const bytes = sink.append(prefix, json, room)
    this.buffered += bytes
    t.countAccepted(bytes)
    if (this.buffered > this.highWaterBytes && !this.bufferPressure) this.reassess()
    return true
  }

  /**
   * Why the writer is under pressure, or undefined when it is not. `buffer`: records are still
   * accepted, but the disk is falling behind (a service fails readiness, a producer waits for
   * 'relief'); any other reason: `write` refuses every record until 'relief'.
   */
  get pressure(): PressureReason | undefined {
    return this.currentPressure
  }

  /** Write everything buffered now and wait until it is on disk (or an I/O error holds it). */
  async flush(): Promise<void> {
    for (const t of this.tags.values()) t.flush()
    while (this.buffered > 0 && this.troubled.size === 0 && !this.isClosed) await sleep(2)
  }

  /**
   * Stop accepting records, let the write in flight finish, write the rest synchronously, fsync,
   * close every file and release the lock. Records that cannot be written are counted as dropped.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  /** close() has begun: records are refused, what is left is written synchronously. */
  get closed(): boolean {
    return this.isClosed
  }

  private async shutdown(): Promise<void> {
    this.isClosed = true
    this.reassess()
    for (const timer of this.timers) clearInterval(timer)
    clearInterval(this.recoveryTimer)
    // An async write racing a writeSync on the same fd could reorder lines: wait for it.
    while ([...this.tags.values()].some((t) => t.busy)) await sleep(1)
    let lost = 0
    for (const t of this.tags.values()) lost += t.closeSync()
    if (lost > 0) this.logger.error({ lost, dir: this.dir }, 'analytics-log: records lost at close')
    // Files rotated just before close finish their fsync + close on their own.
    while (this.closingFiles.size > 0) await sleep(1)
    await this.retentionRunning
    await this.lock.release()
  }

  stats(): AnalyticsLogStats {
    return {
      buffered: this.buffered,
      openFiles: this.openNames.size,
      troubled: this.troubled.size,
      pressure: this.currentPressure,
      tags: Object.fromEntries(this.allCounters()),
    }
  }

  // ---- files (SinkOwner) ----------------------------------------------------------------------

  unbuffered(bytes: number): void {
    this.buffered -= bytes
  }

  fileOpened(sink: Sink): void {
    this.openNames.add(sink.name)
    this.recovered(sink)
    this.scheduleRetention()
  }

  fileClosing(sink: Sink): void {
    this.closingFiles.add(sink)
  }

  fileReleased(sink: Sink): void {
    this.openNames.delete(sink.name)
    this.closingFiles.delete(sink)
  }

  sinkDone(sink: Sink): void {
    const next = sink.tag.finished(sink)
    this.recovered(sink) // a file in trouble that needs nothing more is out of it
    if (this.isClosed) return
    next?.open()
  }

  /**
   * The flush timer. A flush that has not completed by the next tick means the disk is slower
   * than the records: refusing then keeps what a kill -9 can lose to two flush intervals.
   */
  private tick(): void {
    let lagging = false
    for (const t of this.tags.values()) {
      if (!t.checkpoint()) lagging = true
      t.tick()
    }
    if (lagging !== this.lagging) {
      this.lagging = lagging
      this.reassess()
    }
  }

  /** Works out the pressure from the state and tells listeners when it changed. */
  private reassess(): void {
    if (this.isClosed) this.refusal = 'closed'
    else if (this.troubled.size > 0) this.refusal = 'io_error'
    else if (this.lagging) this.refusal = 'slow_disk'
    else this.refusal = undefined
    if (this.buffered > this.highWaterBytes) this.bufferPressure = true
    else if (this.buffered <= this.highWaterBytes / 2) this.bufferPressure = false
    const pressure = this.refusal ?? (this.bufferPressure ? 'buffer' : undefined)
    if (pressure === this.currentPressure) return
    this.currentPressure = pressure
    if (pressure === undefined) this.emit('relief')
    else this.emit('pressure', pressure)
  }

  // ---- failure and recovery -------------------------------------------------------------------

  /** SinkOwner: retry every retryIntervalMs until the file works again. */
  trouble(sink: Sink, err: NodeJS.ErrnoException): void {
    this.reportError(err, sink.name)
    this.troubled.add(sink)
    if (this.recoveryTimer === undefined && !this.isClosed) {
      this.recoveryTimer = setInterval(
        () => void this.recover(),
        this.options.retryIntervalMs ?? 1000,
      ).unref()
    }
    this.reassess()
  }

  /** SinkOwner: a file opened or a write succeeded. */
  recovered(sink: Sink): void {
    if (this.troubled.delete(sink) && this.troubled.size === 0) {
      clearInterval(this.recoveryTimer)
      this.recoveryTimer = undefined
      this.logger.info({ dir: this.dir }, 'analytics-log: writing again')
    }
    if (this.currentPressure === undefined) return
    if (this.lagging) this.lagging = ![...this.tags.values()].every((t) => t.flushed)
    this.reassess()
  }

  private async recover(): Promise<void> {
    if (this.recovering || this.isClosed) return
    this.recovering = true
    try {
      const sinks = [...this.troubled]
      if (sinks.some((s) => s.failed)) {
        // A deleted folder comes back, with our lock in it.
        await fs.promises.mkdir(this.dir, { recursive: true })
        await this.refreshLock()
      }
      for (const s of sinks) if (!this.isClosed && s.tag.isFirst(s)) s.retry()
    } catch (err) {
      this.reportError(err as NodeJS.ErrnoException)
    } finally {
      this.recovering = false
    }
  }

  private async refreshLock(): Promise<void> {
    try {
      const ours = await this.lock.refresh().catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err
        // The folder itself is gone (deleted, or the volume remounted): bring it back.
        await fs.promises.mkdir(this.dir, { recursive: true })
        return this.lock.refresh()
      })
      if (!ours) {
        this.reportError(
          Object.assign(new Error(`another writer took ${this.lock.path}`), { code: 'ELOCKLOST' }),
        )
      }
    } catch (err) {
      this.reportError(err as NodeJS.ErrnoException)
    }
  }

  /** SinkOwner too: count every error, log at most one per errorLogIntervalMs (real time). */
  reportError(err: NodeJS.ErrnoException, file?: string): void {
    const code = err.code ?? 'UNKNOWN'
    this.writeErrors.set(code, (this.writeErrors.get(code) ?? 0) + 1)
    const now = Date.now()
    if (now - this.lastErrorLog < (this.options.errorLogIntervalMs ?? 60_000)) {
      this.suppressedErrors++
      return
    }
    this.lastErrorLog = now
    this.logger.error(
      {
        err: { code, message: err.message },
        dir: this.dir,
        file,
        suppressedErrors: this.suppressedErrors,
        bufferedBytes: this.buffered,
        dropped: this.droppedTotals(),
      },
      'analytics-log: cannot write; records are buffered up to maxBufferBytes, then dropped and ' +
        'counted, until the folder is writable again',
    )
    this.suppressedErrors = 0
  }

  // ---- drops ----------------------------------------------------------------------------------

  private drop(t: TagState, reason: DropReason): false {
    t.countDropped(reason)
    return false
  }

  private reject(
    t: TagState | undefined,
    tag: string,
    record: unknown,
    reason: 'invalid' | 'unknown_tag',
  ): false {
    const problem =
      t === undefined
        ? `undeclared tag "${tag}" (declared: ${[...this.tags.keys()].join(', ')})`
        : `invalid "${tag}" record: ${describeErrors(t.validator, record)}`
    if (this.strict) throw new AnalyticsRecordError(`analytics-log: ${problem}`)
    if (t) t.countDropped(reason)
    else this.unknown.dropped[reason]++
    // A programming error: say so, but once a minute per tag and reason, not per request.
    const key = `${reason}:${t ? tag : UNKNOWN_TAG}`
    const now = Date.now()
    if (
      now - (this.warnedAt.get(key) ?? -Infinity) >=
      (this.options.errorLogIntervalMs ?? 60_000)
    ) {
      this.warnedAt.set(key, now)
      this.logger.warn({ reason }, `analytics-log: dropped a record: ${problem}`)
    }
    return false
  }

  // ---- retention ------------------------------------------------------------------------------

  /** After a new file, every 10 minutes and at start; one pass at a time. */
  private scheduleRetention(): void {
    if (this.retentionRunning) {
      this.retentionAgain = true
      return
    }
    this.retentionRunning = (async () => {
      do {
        this.retentionAgain = false
        try {
          const { deleted } = await applyRetention(
            this.dir,
            {
              maxAgeMs: (this.options.maxAgeHours ?? 72) * HOUR_MS,
              totalSizeCap: this.options.totalSizeCap ?? 2 * 1024 ** 3,
            },
            this.openNames,
          )
          this.deletedFiles += deleted.length
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
            this.reportError(err as NodeJS.ErrnoException)
          }
        }
      } while (this.retentionAgain && !this.isClosed)
    })().finally(() => {
      this.retentionRunning = undefined
    })
  }

  // ---- helpers --------------------------------------------------------------------------------

  private *allCounters(): Generator<[string, TagTotals]> {
    for (const [name, t] of this.tags) yield [name, t.counters]
    yield [UNKNOWN_TAG, this.unknown]
  }

  private droppedTotals(): Record<string, number> {
    const totals: Record<string, number> = {}
    for (const [, c] of this.allCounters()) {
      for (const [reason, n] of Object.entries(c.dropped))
        totals[reason] = (totals[reason] ?? 0) + n
    }
    return totals
  }
}

function describeErrors(validator: Validator, record: unknown): string {
  // Paths and messages only: a record may hold personal data, an error message must not.
  const errors = validator.Errors(record).slice(0, 5)
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ') || 'not JSON'
}

/**
 * Validates the options, creates `<root>/<pod>/`, takes its lock, and notes the files already
 * there so that new ones continue after them.
 */
export async function openAnalyticsLog<T extends TagSchemas<T>>(
  options: AnalyticsLogOptions<T>,
): Promise<AnalyticsLog<T>> {
  if (!POD_PATTERN.test(options.pod)) {
    throw new TypeError(`analytics-log: "${options.pod}" cannot be a pod folder name`)
  }
  for (const [name, schema] of Object.entries(options.tags) as [string, TObject][]) {
    if (!TAG_PATTERN.test(name)) {
      throw new TypeError(`analytics-log: tag "${name}" must match ${TAG_PATTERN}`)
    }
    if (schema?.type !== 'object' || typeof schema.properties !== 'object') {
      throw new TypeError(`analytics-log: tag "${name}" needs a Type.Object schema`)
    }
    const clash = RESERVED.filter((k) => k in schema.properties)
    if (clash.length > 0) {
      throw new TypeError(`analytics-log: tag "${name}" may not declare ${clash.join(', ')}`)
    }
  }
  const dir = join(resolve(options.root), options.pod)
  await fs.promises.mkdir(dir, { recursive: true })
  const lock = await FolderLock.acquire(dir, {
    staleMs: options.staleLockMs ?? 60_000,
    host: options.host ?? hostname(),
  })
  try {
    return new AnalyticsLog(options, dir, lock, await fs.promises.readdir(dir))
  } catch (err) {
    await lock.release()
    throw err
  }
}
