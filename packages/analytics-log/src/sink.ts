import fs from 'node:fs'
import { join } from 'node:path'
import { fileName } from '@hexad/contracts/analytics'
// sonic-boom is CommonJS: its default import is module.exports, which carries the class.
import sonicBoom, { type SonicBoom } from 'sonic-boom'
import type { TagState } from './tag-state.ts'

const SPACE_ERRORS = new Set(['ENOSPC', 'EDQUOT'])
const noop = () => {}

type SinkState = 'queued' | 'opening' | 'open' | 'stalled' | 'failed' | 'closing' | 'closed'

/**
 * What a sink tells its writer, and the little it needs to know of it. Events only: a sink never
 * touches the writer's fields, so each count the writer keeps changes in the writer's code.
 */
export interface SinkOwner {
  readonly dir: string
  readonly chunkBytes: number
  /** close() has begun: what is left is written by closeSync(), nothing asynchronously. */
  readonly closed: boolean
  /**
   * `bytes` of this sink's records are no longer waiting: written, or given up at close.
   * Negative: written bytes taken back, to be written again in a new file.
   */
  unbuffered(bytes: number): void
  /** The sink's file is open for writing (a new file, or after an error). */
  fileOpened(sink: Sink): void
  /** The sink's file is being fsynced and closed in the background. */
  fileClosing(sink: Sink): void
  /** The sink's file is no longer open for writing: closed, or given up. */
  fileReleased(sink: Sink): void
  /** Everything of this sink is written (or it never had anything): the next file may open. */
  sinkDone(sink: Sink): void
  /** A file met an I/O error. */
  trouble(sink: Sink, err: NodeJS.ErrnoException): void
  /** A write went through. */
  recovered(sink: Sink): void
  reportError(err: NodeJS.ErrnoException, file?: string): void
}

/**
 * One file of one tag. Records are encoded straight into 64 KiB buffers (no string per line),
 * handed to sonic-boom when a chunk has gathered or the flush timer fires, with never more than
 * one hand-over in flight: every byte of accounting is exact, and a failed write can be redone
 * without duplicates.
 */
export class Sink {
  readonly tag: TagState
  private readonly owner: SinkOwner
  private readonly hour: string
  private state: SinkState = 'queued'
  private currentName = ''
  private fd = -1
  private boom: SonicBoom | undefined
  private fileBytes = 0
  /** Bytes confirmed written into the current file. */
  private written = 0
  /** Filled parts not yet handed over, then the part of `chunk` from `chunkStart` to `used`. */
  private full: Buffer[] = []
  private chunk: Buffer | undefined
  private chunkStart = 0
  private used = 0
  private pendingBytes = 0
  private pendingRecords = 0
  private flight: Buffer[] = []
  private flightBytes = 0
  private flightRecords = 0
  private flightDone = 0
  /** Rotated away: write what is left, then close. */
  private ending = false
  private flushWanted = false
  /** After an error left our own file empty: open it again rather than a new index. */
  private reuse = false
  private checking = false

  constructor(owner: SinkOwner, tag: TagState, hour: string) {
    this.owner = owner
    this.tag = tag
    this.hour = hour
  }

  /** The file's name, once it has been opened (or tried). */
  get name(): string {
    return this.currentName
  }

  /** Bytes the current file has or will have: what maxBytes is checked against. */
  get bytes(): number {
    return this.fileBytes
  }

  /** Given up after an I/O error (EIO, a deleted folder…): a new file is needed. */
  get failed(): boolean {
    return this.state === 'failed'
  }

  /**
   * Encodes one line: `prefix` (`{"time":…,"pod":"…"`, ASCII), then `json` with its `{` turned
   * into the comma, then a newline. `room` is the most bytes that can take. Returns the bytes.
   */
  append(prefix: string, json: string, room: number): number {
    let buf = this.chunk
    if (buf === undefined || buf.length - this.used < room) buf = this.newChunk(room)
    const start = this.used
    let at = start + buf.write(prefix, start, 'latin1')
    const n = buf.write(json, at)
    if (n > 2) {
      buf[at] = 0x2c // ','
      at += n
    } else {
      buf[at] = 0x7d // '}': an empty record closes the prefix
      at += 1
    }
    buf[at++] = 0x0a
    const bytes = at - start
    this.used = at
    this.pendingBytes += bytes
    this.pendingRecords++
    this.fileBytes += bytes
    if (
      this.pendingBytes >= this.owner.chunkBytes &&
      this.flightBytes === 0 &&
      this.state === 'open'
    ) {
      this.send()
    }
    return bytes
  }

  private newChunk(room: number): Buffer {
    if (this.used > this.chunkStart)
      this.full.push(this.chunk!.subarray(this.chunkStart, this.used))
    // Never reused: sonic-boom may still hold the parts handed over.
    const buf = Buffer.allocUnsafeSlow(Math.max(this.owner.chunkBytes, room))
    this.chunk = buf
    this.chunkStart = this.used = 0
    return buf
  }

  /** Everything not yet handed over, in order; the pending state is emptied. */
  private takePending(): Buffer[] {
    const parts = this.full
    if (this.used > this.chunkStart) {
      parts.push(this.chunk!.subarray(this.chunkStart, this.used))
      this.chunkStart = this.used // the rest of the chunk stays ours to fill
    }
    this.full = []
    this.pendingBytes = 0
    this.pendingRecords = 0
    return parts
  }

  open(): void {
    if (this.ending && this.pendingBytes === 0 && this.flightBytes === 0) {
      this.state = 'closed' // never create an empty file
      this.owner.sinkDone(this)
      return
    }
    this.state = 'opening'
    if (!this.reuse) this.currentName = this.nextName()
    // O_EXCL: never append into a file someone else wrote. Reuse is only of our own empty file.
    fs.open(join(this.owner.dir, this.currentName), this.reuse ? 'a' : 'wx', 0o644, (err, fd) => {
      if (err) {
        if (err.code === 'EEXIST') {
          this.reuse = false
          return this.open()
        }
        return this.abandon(err)
      }
      this.opened(fd)
    })
  }

  private nextName(): string {
    return fileName(this.tag.name, this.hour, this.tag.allocIndex(this.hour))
  }

  private opened(fd: number): void {
    this.fd = fd
    this.reuse = false
    const boom = new sonicBoom.SonicBoom({ fd, sync: false, minLength: 0, contentMode: 'buffer' })
    boom.on('write', (n: number) => this.onWrite(n))
    boom.on('error', (err: NodeJS.ErrnoException) => this.onError(err))
    this.boom = boom
    this.state = 'open'
    this.owner.fileOpened(this)
    this.next()
  }

  /** Flush timer: write what is pending now, or as soon as the write in flight is done. */
  flush(): void {
    if (this.state === 'open' && this.flightBytes === 0) {
      if (this.pendingBytes > 0) this.send()
    } else {
      this.flushWanted = true
    }
  }

  /** Flush timer, open files: a deleted file or folder takes writes without an error locally. */
  checkStillThere(): void {
    if (this.state !== 'open' || this.checking) return
    this.checking = true
    const name = this.currentName
    fs.stat(join(this.owner.dir, name), (err) => {
      this.checking = false
      if (err?.code === 'ENOENT' && this.state === 'open' && this.currentName === name) {
        const gone = new Error(`${name} was deleted while being written`) as NodeJS.ErrnoException
        gone.code = 'ENOENT'
        this.abandon(gone)
      }
    })
  }

  finish(): void {
    this.ending = true
    if (this.state === 'open' && this.flightBytes === 0) this.next()
  }

  /** The writer had an I/O error and folders are back: try this file again. */
  retry(): void {
    if (this.state === 'stalled') {
      this.state = 'open' // sonic-boom writes the rest of the failed write first
      this.boom!.flush()
    } else if (this.state === 'failed') {
      this.open()
    }
  }

  private send(): void {
    this.flightBytes = this.pendingBytes
    this.flightRecords = this.pendingRecords
    this.flightDone = 0
    this.flight = this.takePending()
    for (const part of this.flight) this.boom!.write(part as unknown as string)
  }

  private onWrite(n: number): void {
    this.flightDone += n
    this.written += n
    this.owner.unbuffered(n)
    if (this.flightDone < this.flightBytes) return // sonic-boom goes on with the rest
    this.tag.countWritten(this.flightRecords, this.flightBytes)
    this.flight = []
    this.flightBytes = 0
    this.flightRecords = 0
    this.flightDone = 0
    this.owner.recovered(this)
    this.next()
  }

  private next(): void {
    if (this.state !== 'open' || this.owner.closed) return // close() writes the rest itself
    if (
      this.pendingBytes > 0 &&
      (this.ending || this.flushWanted || this.pendingBytes >= this.owner.chunkBytes)
    ) {
      this.flushWanted = false
      this.send()
    } else if (this.ending && this.pendingBytes === 0) {
      this.closeFile()
    }
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (this.state !== 'open') return
    if (SPACE_ERRORS.has(err.code ?? '')) {
      // Keep the file: sonic-boom holds the unwritten rest of the write (maybe half a line) and
      // writes it first when retried, so the line is completed in place once there is room.
      this.state = 'stalled'
      this.owner.trouble(this, err)
    } else {
      this.abandon(err)
    }
  }

  /**
   * Give the current file up (EIO, ESTALE, deleted…): what was not confirmed, from the start of a
   * half-written line on, moves to a new file. The half line left behind has no newline, so
   * readers skip it (README), and the record is written whole, once, in the new file.
   */
  private abandon(err: NodeJS.ErrnoException): void {
    const wasOpen = this.state === 'open' || this.state === 'stalled'
    const boom = this.boom
    this.boom = undefined
    if (boom) {
      boom.removeAllListeners()
      boom.on('error', noop)
      boom.destroy() // closes the fd, errors ignored
    } else if (this.fd >= 0) {
      fs.close(this.fd, noop)
    }
    this.fd = -1
    if (wasOpen) this.owner.fileReleased(this)
    if (this.flightBytes > 0) {
      const all = Buffer.concat(this.flight)
      const cut = this.flightDone > 0 ? all.lastIndexOf(10, this.flightDone - 1) + 1 : 0
      const done = countLines(all, 0, cut)
      this.tag.countWritten(done, cut)
      this.owner.unbuffered(cut - this.flightDone)
      this.full.unshift(all.subarray(cut))
      this.pendingBytes += this.flightBytes - cut
      this.pendingRecords += this.flightRecords - done
      this.flight = []
      this.flightBytes = 0
      this.flightRecords = 0
      this.flightDone = 0
    }
    this.reuse = this.currentName !== '' && this.written === 0
    if (this.currentName !== '' && !this.reuse) this.tag.countErrorRotation()
    this.written = 0
    this.fileBytes = this.pendingBytes
    this.state = 'failed'
    this.owner.trouble(this, err)
  }

  /**
   * Everything is written: the next file of the tag may open now, while this one is fsynced and
   * closed in the background (waiting for the fsync would stall a busy writer at each rotation).
   */
  private closeFile(): void {
    this.state = 'closing'
    this.owner.fileClosing(this)
    this.owner.sinkDone(this)
    const boom = this.boom!
    boom.removeAllListeners()
    let done = false
    const closed = (err?: NodeJS.ErrnoException) => {
      if (done) return
      done = true
      // NFS reports a failed write-back at close: the bytes were counted, log it at least.
      if (err) this.owner.reportError(err, this.currentName)
      this.markClosed()
    }
    boom.once('close', () => closed())
    boom.on('error', closed)
    boom.end()
  }

  private markClosed(): void {
    this.owner.fileReleased(this)
    this.state = 'closed'
    this.boom = undefined
  }

  /** An async open or write is under way: close() waits for it before writing synchronously. */
  get busy(): boolean {
    return this.state === 'opening' || (this.state === 'open' && this.flightBytes > 0)
  }

  /**
   * Shutdown: write everything left with writeSync, fsync, close. Nothing is in flight (close()
   * waited), so order is kept. Returns the records that could not be written.
   */
  closeSync(): number {
    if (this.state === 'closed' || this.state === 'closing') return 0
    let records = this.pendingRecords + this.flightRecords
    const buffered = this.pendingBytes + this.flightBytes - this.flightDone
    // A stalled write: the lines it got onto disk count now; its unwritten end goes first (it
    // completes a line already begun on disk).
    const stalled = Buffer.concat(this.flight)
    const landed = countLines(stalled, 0, this.flightDone)
    this.tag.countWritten(landed, this.flightDone)
    records -= landed
    const buf = Buffer.concat([stalled.subarray(this.flightDone), ...this.takePending()])
    let fd = this.fd
    let off = 0
    try {
      if (buf.length > 0 && fd < 0) {
        fs.mkdirSync(this.owner.dir, { recursive: true })
        for (;;) {
          if (!this.reuse) this.currentName = this.nextName()
          try {
            fd = fs.openSync(join(this.owner.dir, this.currentName), this.reuse ? 'a' : 'wx', 0o644)
            break
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
            this.reuse = false
          }
        }
      }
      while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off)
      if (fd >= 0) {
        fs.fsyncSync(fd)
        fs.closeSync(fd)
      }
    } catch (err) {
      this.owner.reportError(err as NodeJS.ErrnoException, this.currentName)
      if (fd >= 0) fs.close(fd, noop)
    }
    const written = countLines(buf, 0, off)
    this.tag.countWritten(written, off)
    this.owner.unbuffered(buffered)
    if (this.state === 'open' || this.state === 'stalled') this.owner.fileReleased(this)
    this.flight = []
    this.flightBytes = this.flightRecords = this.flightDone = 0
    this.chunk = undefined
    this.fd = -1
    this.boom = undefined // never used again; its fd is closed above
    this.state = 'closed'
    return records - written
  }
}

function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0
  for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) n++
  return n
}
