import { Counter, Gauge, type Registry } from 'prom-client'

export const DROP_REASONS = [
  'invalid',
  'unknown_tag',
  'buffer_full',
  'slow_disk',
  'io_error',
  'closed',
] as const
export type DropReason = (typeof DROP_REASONS)[number]

/**
 * Why the writer is under pressure. `buffer`: more than the high-water mark is waiting to be
 * written, records are still accepted. The others: `write` refuses every record until they pass
 * (a flush did not complete before the next was due, the folder does not take writes, closed).
 */
export const PRESSURE_REASONS = ['buffer', 'slow_disk', 'io_error', 'closed'] as const
export type PressureReason = (typeof PRESSURE_REASONS)[number]

export const ROTATION_REASONS = ['hour', 'size', 'error'] as const
export type RotationReason = (typeof ROTATION_REASONS)[number]

/** Label for records whose tag was never declared (no declared tag can start with `_`). */
export const UNKNOWN_TAG = '_unknown'

/** One tag's totals as metrics and stats() read them. */
export interface TagTotals {
  /** Records `write` took (returned true for): written, waiting, or lost at close. */
  readonly accepted: number
  readonly written: number
  readonly bytes: number
  readonly dropped: Readonly<Record<DropReason, number>>
  readonly rotations: Readonly<Record<RotationReason, number>>
}

/**
 * Plain numbers the write path bumps; prom-client reads them at scrape time. Calling
 * `counter.inc({ tag })` per record would hash the labels on every request.
 */
export class TagCounters implements TagTotals {
  accepted = 0
  written = 0
  bytes = 0
  dropped: Record<DropReason, number> = {
    invalid: 0,
    unknown_tag: 0,
    buffer_full: 0,
    slow_disk: 0,
    io_error: 0,
    closed: 0,
  }
  rotations: Record<RotationReason, number> = { hour: 0, size: 0, error: 0 }
}

export interface MetricsSource {
  counters(): Iterable<[tag: string, counters: TagTotals]>
  openFiles(): number
  bufferedBytes(): number
  writeErrors(): Iterable<[code: string, count: number]>
  deletedFiles(): number
  pressure(): PressureReason | undefined
}

/** Registers the writer's metrics into `registry` (the service's own, served at /metrics). */
export function registerMetrics(registry: Registry, source: MetricsSource): void {
  const registers = [registry]
  // reset + inc at scrape time exposes exactly our totals, which only ever grow.
  new Counter({
    name: 'analytics_log_records_accepted_total',
    help: 'Analytics records accepted by write(), by tag; accepted minus written is what waits in memory',
    labelNames: ['tag'],
    registers,
    collect() {
      this.reset()
      for (const [tag, c] of source.counters()) this.inc({ tag }, c.accepted)
    },
  })
  new Counter({
    name: 'analytics_log_records_written_total',
    help: 'Analytics records written to disk, by tag',
    labelNames: ['tag'],
    registers,
    collect() {
      this.reset()
      for (const [tag, c] of source.counters()) this.inc({ tag }, c.written)
    },
  })
  new Counter({
    name: 'analytics_log_records_dropped_total',
    help: 'Analytics records refused by write(), by tag and reason (invalid, unknown_tag, buffer_full, slow_disk, io_error, closed)',
    labelNames: ['tag', 'reason'],
    registers,
    collect() {
      this.reset()
      for (const [tag, c] of source.counters()) {
        for (const reason of DROP_REASONS) this.inc({ tag, reason }, c.dropped[reason])
      }
    },
  })
  new Counter({
    name: 'analytics_log_bytes_written_total',
    help: 'Bytes of analytics records written to disk, by tag',
    labelNames: ['tag'],
    registers,
    collect() {
      this.reset()
      for (const [tag, c] of source.counters()) this.inc({ tag }, c.bytes)
    },
  })
  new Counter({
    name: 'analytics_log_rotations_total',
    help: 'New analytics files started, by tag and reason (hour, size, error)',
    labelNames: ['tag', 'reason'],
    registers,
    collect() {
      this.reset()
      for (const [tag, c] of source.counters()) {
        for (const reason of ROTATION_REASONS) this.inc({ tag, reason }, c.rotations[reason])
      }
    },
  })
  new Counter({
    name: 'analytics_log_write_errors_total',
    help: 'File system errors met while writing analytics files, by error code',
    labelNames: ['code'],
    registers,
    collect() {
      this.reset()
      for (const [code, count] of source.writeErrors()) this.inc({ code }, count)
    },
  })
  new Counter({
    name: 'analytics_log_files_deleted_total',
    help: 'Closed analytics files deleted by retention (age or size cap)',
    registers,
    collect() {
      this.reset()
      this.inc(source.deletedFiles())
    },
  })
  new Gauge({
    name: 'analytics_log_open_files',
    help: 'Analytics files currently open for writing',
    registers,
    collect() {
      this.set(source.openFiles())
    },
  })
  new Gauge({
    name: 'analytics_log_pressure',
    help: 'Why the writer is under pressure: 1 for the current reason (buffer: still accepting; slow_disk, io_error, closed: refusing)',
    labelNames: ['reason'],
    registers,
    collect() {
      const now = source.pressure()
      for (const reason of PRESSURE_REASONS) this.set({ reason }, reason === now ? 1 : 0)
    },
  })
  new Gauge({
    name: 'analytics_log_buffered_bytes',
    help: 'Bytes accepted but not yet written to disk (bounded by maxBufferBytes)',
    registers,
    collect() {
      this.set(source.bufferedBytes())
    },
  })
}
