import type { TObject } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import { TagCounters } from './metrics.ts'
import type { Sink } from './sink.ts'

/** One declared tag: its validator, counters, line prefix, hour, and its files in write order. */
export class TagState {
  readonly name: string
  readonly validator: Validator
  readonly counters = new TagCounters()
  /** `","tag":"<tag>","pod":"<pod>"` — what follows the time in every line. */
  readonly head: string
  /** `{"time":"<iso>` + head, rebuilt once per millisecond. */
  prefix = ''
  prefixMs = -1
  hourStart = 0
  hourEnd = 0
  hour = ''
  /** Files of this tag in write order: only the first may be open; the last takes new records. */
  readonly sinks: Sink[] = []
  current: Sink | undefined
  private readonly nextIndex = new Map<string, number>()

  constructor(name: string, schema: TObject, pod: string) {
    this.name = name
    // A record carries exactly its declared fields: no surprise keys for the report job, and no
    // way to repeat `time`, `tag` or `pod`.
    this.validator = Compile({ ...schema, additionalProperties: false })
    this.head = `","tag":"${name}","pod":"${pod}"`
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

  forgetHoursBefore(hour: string): void {
    for (const h of this.nextIndex.keys()) if (h < hour) this.nextIndex.delete(h)
  }
}
