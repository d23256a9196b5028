// The fault-injecting seam: sonic-boom and the writer call fs.write / fs.open through the shared
// `node:fs` object at call time, so replacing those properties reaches every write they make.
import fs from 'node:fs'

type Callback = (err: NodeJS.ErrnoException | null, n?: number) => void

export type WriteFault =
  | { kind: 'none' }
  /** Every write fails with `code`; with `partialBytes`, the first one writes that much first. */
  | { kind: 'error'; code: string; partialBytes?: number }
  /** Writes never complete until released: a stalled disk. */
  | { kind: 'stall' }

export interface FaultyFs {
  set(fault: WriteFault): void
  /** Let stalled writes go on, in order. */
  release(): void
  /** Writes that failed or stalled so far. */
  readonly faults: number
  restore(): void
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code })
}

export function faultyFs(): FaultyFs {
  const realWrite = fs.write
  let fault: WriteFault = { kind: 'none' }
  let partialDone = false
  let faults = 0
  const stalled: (() => void)[] = []

  const write = function (this: unknown, fd: number, data: unknown, ...rest: unknown[]) {
    const cb = rest[rest.length - 1] as Callback
    if (fault.kind === 'none') {
      return (realWrite as (...a: unknown[]) => void).call(fs, fd, data, ...rest)
    }
    faults++
    if (fault.kind === 'stall') {
      stalled.push(() => (realWrite as (...a: unknown[]) => void).call(fs, fd, data, ...rest))
      return
    }
    if (fault.partialBytes && !partialDone) {
      // A disk that fills up mid-write: part of the buffer lands, the rest fails next time.
      partialDone = true
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(String(data))
      const n = fs.writeSync(fd, buf, 0, Math.min(fault.partialBytes, buf.length - 1))
      process.nextTick(cb, null, n)
      return
    }
    process.nextTick(cb, errno(fault.code))
  }
  ;(fs as { write: unknown }).write = write

  return {
    set(next) {
      fault = next
      partialDone = false
    },
    release() {
      for (const go of stalled.splice(0)) go()
    },
    get faults() {
      return faults
    },
    restore() {
      ;(fs as { write: unknown }).write = realWrite
    },
  }
}
