import { Counter, Gauge, type Registry } from 'prom-client'

export const DROP_REASONS = ['invalid', 'unknown_tag', 'buffer_full', 'io_error', 'closed'] as const
export type DropReason = (typeof DROP_REASONS)[number]

export const ROTATION_REASONS = ['hour', 'size', 'error'] as const
export type RotationReason = (typeof ROTATION_REASONS)[number]

/** Label for records whose tag was never declared (no declared tag can start with `_`). */
export const UNKNOWN_TAG = '_unknown'

/** One tag's totals as metrics and stats() read them. */
export interface TagTotals {
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
  written = 0
  bytes = 0
  dropped: Record<DropReason, number> = {
    invalid: 0,
    unknown_tag: 0,
    buffer_full: 0,
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
}

/** Registers the writer's metrics into `registry` (the service's own, served at /metrics). */
export function registerMetrics(registry: Registry, source: MetricsSource): void {
  const registers = [registry]
  // reset + inc at scrape time exposes exactly our totals, which only ever grow.
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
    help: 'Analytics records dropped, by tag and reason (invalid, unknown_tag, buffer_full, io_error, closed)',
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
    name: 'analytics_log_buffered_bytes',
    help: 'Bytes accepted but not yet written to disk (bounded by maxBufferBytes)',
    registers,
    collect() {
      this.set(source.bufferedBytes())
    },
  })
}
