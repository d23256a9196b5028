import { hourKey } from '@hexad/contracts/analytics'
import { HOUR_MS, floorHour } from '@hexad/contracts/time'
import type { TObject } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import { type DropReason, type RotationReason, TagCounters, type TagTotals } from './metrics.ts'
import type { IsoClock } from './iso-clock.ts'
import { Sink, type SinkOwner } from './sink.ts'

/**
 * One declared tag: its validator, counters, line prefix, hour, and its files in write order
 * (only the first may be open; the last takes new records).
 */
export class TagState {
  readonly name: string
  readonly validator: Validator
  private readonly owner: SinkOwner
  private readonly counts = new TagCounters()
  /** `","tag":"<tag>","pod":"<pod>"` — what follows the time in every line. */
  private readonly head: string
  /** `{"time":"<iso>` + head, rebuilt once per millisecond. */
  private prefix = ''
  private prefixMs = -1
  private hourStart = 0
  private hourEnd = 0
  private hour = ''
  private sinks: Sink[] = []
  private newest: Sink | undefined
  private readonly nextIndex = new Map<string, number>()
  /** Bytes of every record accepted so far; `counts.bytes` reaches it once all are written. */
  private acceptedBytes = 0
  /** `acceptedBytes` when the flush timer last fired: what its flush must get written. */
  private flushMark = 0

  constructor(name: string, schema: TObject, pod: string, owner: SinkOwner) {
    this.name = name
    // A record carries exactly its declared fields: no surprise keys for the report job, and no
    // way to repeat `time`, `tag` or `pod`.
    this.validator = Compile({ ...schema, additionalProperties: false })
    this.head = `","tag":"${name}","pod":"${pod}"`
    this.owner = owner
  }

  get counters(): TagTotals {
    return this.counts
  }

  /** The file new records go to; there is one once `enterHour` has run. */
  get current(): Sink {
    return this.newest!
  }

  /** Any file with an asynchronous open or write under way. */
  get busy(): boolean {
    return this.sinks.some((s) => s.busy)
  }

  /** A record accepted at `now`: starts the hour's first file if `now` is outside the current. */
  enterHour(now: number): void {
    if (now < this.hourEnd && now >= this.hourStart) return
    this.hourStart = floorHour(now)
    this.hourEnd = this.hourStart + HOUR_MS
    const first = this.newest === undefined
    this.hour = hourKey(now)
    this.forgetHoursBefore(this.hour)
    this.rotate(first ? undefined : 'hour')
  }

  /** `{"time":"<iso>","tag":"<tag>","pod":"<pod>"` for a record accepted at `now`. */
  linePrefix(now: number, clock: IsoClock): string {
    if (now !== this.prefixMs) {
      this.prefixMs = now
      this.prefix = '{"time":"' + clock.at(now) + this.head
    }
    return this.prefix
  }

  /** A new file for new records; the previous one finishes what it has, then closes. */
  rotate(reason: RotationReason | undefined): Sink {
    const sink = new Sink(this.owner, this, this.hour)
    const previous = this.newest
    this.sinks.push(sink)
    this.newest = sink
    if (reason) this.counts.rotations[reason]++
    previous?.finish()
    if (this.sinks.length === 1) sink.open()
    return sink
  }

  /** `sink` has everything written and leaves the queue; returns the file that may open next. */
  finished(sink: Sink): Sink | undefined {
    if (this.sinks[0] === sink) this.sinks.shift()
    return this.sinks[0]
  }

  /** Only the first file of a tag is ever open: the others wait for it. */
  isFirst(sink: Sink): boolean {
    return this.sinks[0] === sink
  }

  flush(): void {
    for (const s of this.sinks) s.flush()
  }

  /** The flush timer: write what is pending, and notice files deleted under the writer. */
  tick(): void {
    for (const s of this.sinks) {
      s.flush()
      s.checkStillThere()
    }
  }

  /** Shutdown: every file written synchronously and closed. Returns the records lost. */
  closeSync(): number {
    let lost = 0
    for (const s of this.sinks) lost += s.closeSync()
    this.counts.dropped.io_error += lost
    this.sinks = []
    this.newest = undefined
    return lost
  }

  /** A record of `bytes` was taken: it is waiting to be written. */
  countAccepted(bytes: number): void {
    this.counts.accepted++
    this.acceptedBytes += bytes
  }

  /**
   * The flush timer fired: true if everything accepted before it last fired has been written
   * since (that flush completed). Marks what this tick's flush must write.
   */
  checkpoint(): boolean {
    const completed = this.flushed
    this.flushMark = this.acceptedBytes
    return completed
  }

  /** Everything accepted before the flush timer last fired is written. */
  get flushed(): boolean {
    return this.counts.bytes >= this.flushMark
  }

  countDropped(reason: DropReason): void {
    this.counts.dropped[reason]++
  }

  countWritten(records: number, bytes: number): void {
    this.counts.written += records
    this.counts.bytes += bytes
  }

  /** A file was given up after an I/O error: its records go on in a new file. */
  countErrorRotation(): void {
    this.counts.rotations.error++
  }

  /** Seen on disk at start: new files of that hour continue after it, they never fill gaps. */
  noteExisting(hour: string, index: number): void {
    if (index >= (this.nextIndex.get(hour) ?? 0)) this.nextIndex.set(hour, index + 1)
  }

  allocIndex(hour: string): number {
    const n = this.nextIndex.get(hour) ?? 0
    this.nextIndex.set(hour, n + 1)
    return n
  }

  private forgetHoursBefore(hour: string): void {
    for (const h of this.nextIndex.keys()) if (h < hour) this.nextIndex.delete(h)
  }
}
