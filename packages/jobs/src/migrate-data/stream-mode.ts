import { EventEmitter, on, once } from 'node:events'
import { pipeline, Transform, type Readable } from 'node:stream'
import { createGzip, constants as zlib } from 'node:zlib'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { Connection, ResultSetHeader } from 'mysql2/promise'
import type { Progress } from '../shared/progress.ts'
import { decoded } from '../shared/read-lines.ts'
import type { Session } from './connect.ts'
import type { TablePlan } from './statements.ts'

// ER_NOT_ALLOWED_COMMAND (MySQL 5.7, MariaDB) and ER_CLIENT_LOCAL_FILES_DISABLED (MySQL 8).
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 2068])

export interface Bucket {
  client: S3Client
  name: string
}

// A new object every this many rows: stg starts loading a table's first part while prd is still
// exporting the next ones, as `mysqldump | mysql` overlaps its two halves. Small, too, because
// mysql2 pushes a LOCAL INFILE stream into the socket without waiting for it to drain: a part
// being loaded is in memory whole (a few MiB at this size).
const ROWS_PER_PART = 25_000
// Rows go to gzip in strings of about this size (see textChunks).
const WRITE_CHARS = 64 * 1024
// Multipart upload part size (S3's minimum is 5 MiB).
const UPLOAD_PART_BYTES = 8 * 1024 * 1024

/**
 * The S3 keys of one table's parts, announced by the export as each upload completes and
 * consumed by the load as they come. Built on events.on, which buffers announcements made
 * before the load starts listening and rethrows an export failure in the load.
 */
export class PartFeed {
  private readonly emitter = new EventEmitter()
  private readonly keys = on(this.emitter, 'part', { close: ['end'] })

  announce(key: string): void {
    this.emitter.emit('part', key)
  }

  end(): void {
    this.emitter.emit('end')
  }

  fail(error: unknown): void {
    this.emitter.emit('error', error)
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for await (const [key] of this.keys) yield key as string
  }

  /** Resolves when the export of the table has ended (or rejects with its failure). */
  async ended(): Promise<void> {
    for await (const key of this) void key
  }
}

function partKey(plan: TablePlan, index: number): string {
  return `${plan.keyPrefix}part-${String(index).padStart(5, '0')}.tsv.gz`
}

// MySQL's text format (TEXT_FORMAT): backslash escapes for the characters that delimit.
const SPECIAL = /[\\\t\n\r\0]/
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
}

/** One row as a line of MySQL's text format; NULL is \N. Values are text or numbers (mysql2). */
export function textLine(row: unknown[]): string {
  let line = ''
  for (let i = 0; i < row.length; i++) {
    const value = row[i]
    const text =
      value === null
        ? '\\N'
        : typeof value === 'string'
          ? SPECIAL.test(value)
            ? value.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c] as string)
            : value
          : String(value)
    line += i === 0 ? text : `\t${text}`
  }
  return `${line}\n`
}

/** A gzip stream uploading itself to `key` as it is written (multipart above 8 MiB). */
function openPart(bucket: Bucket, key: string) {
  // Level 1: the bytes are read once, minutes later; CPU now matters more than storage.
  const gzip = createGzip({ level: zlib.Z_BEST_SPEED })
  const upload = new Upload({
    client: bucket.client,
    params: { Bucket: bucket.name, Key: key, Body: gzip, ContentType: 'application/x-ndjson' },
    partSize: UPLOAD_PART_BYTES,
    queueSize: 2,
  })
  const done = upload.done()
  // Surfaced by close(); without this an early upload failure would be an unhandled rejection.
  done.catch(() => {})
  return {
    gzip,
    async close() {
      gzip.end()
      await done
    },
  }
}

/**
 * Streams the table out of prd as gzipped MySQL text format (the format LOAD DATA reads, the same
 * as aurora mode's files) into S3 objects, announcing each finished object to `feed`; memory
 * stays flat whatever the table's size. Returns the rows written.
 */
export async function exportTable(
  source: Session,
  bucket: Bucket,
  plan: TablePlan,
  feed: PartFeed,
  progress: Progress,
): Promise<number> {
  let rows = 0
  let part: { key: string; rows: number; upload: ReturnType<typeof openPart> } | undefined
  const finishPart = async () => {
    if (!part) return
    await part.upload.close()
    feed.announce(part.key)
    part = undefined
  }
  for await (const chunk of textChunks(source.stream(plan.exportSql))) {
    if (!part) {
      const key = partKey(plan, Math.floor(rows / ROWS_PER_PART))
      part = { key, rows: 0, upload: openPart(bucket, key) }
    }
    if (!part.upload.gzip.write(chunk.text)) await once(part.upload.gzip, 'drain')
    rows += chunk.rows
    part.rows += chunk.rows
    if (part.rows >= ROWS_PER_PART) await finishPart()
    progress.update(`${plan.schema.name}: exported ${rows.toLocaleString()} rows`)
  }
  await finishPart()
  return rows
}

/**
 * Rows → ~64 KiB strings of text-format lines, so the export awaits once per chunk, not per row
 * (an await per row cost more than formatting the row), and zlib gets few large writes.
 */
function textChunks(rows: Readable): AsyncIterable<{ text: string; rows: number }> {
  let text = ''
  let count = 0
  const batcher = new Transform({
    writableObjectMode: true,
    readableObjectMode: true,
    readableHighWaterMark: 2,
    transform(row: unknown[], _encoding, done) {
      text += textLine(row)
      count++
      if (text.length < WRITE_CHARS) return done()
      const chunk = { text, rows: count }
      text = ''
      count = 0
      done(null, chunk)
    },
    flush(done) {
      done(null, count > 0 ? { text, rows: count } : null)
    },
  })
  return pipeline(rows, batcher, () => {
    // Errors reach the consumer through the batcher, which pipeline destroys with them.
  })
}

/**
 * Loads the table's parts into stg as the feed announces them, each with LOAD DATA LOCAL INFILE
 * fed straight from the S3 object (gunzipped on the way), in the caller's transaction: stg parses
 * the rows, the job only moves bytes. Returns the rows loaded.
 */
export async function loadTable(
  target: Connection,
  bucket: Bucket,
  plan: TablePlan,
  feed: PartFeed,
  progress: Progress,
): Promise<number> {
  let loaded = 0
  for await (const key of feed) {
    const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
    const text = decoded(key, object.Body as Readable)
    try {
      const [result] = await target.query<ResultSetHeader>({
        sql: plan.loadSql,
        infileStreamFactory: () => text,
      })
      loaded += result.affectedRows
    } catch (err) {
      if (LOCAL_INFILE_REFUSED.has((err as { errno?: number }).errno ?? 0)) {
        throw new Error(
          `${plan.schema.name}: the target refuses LOAD DATA LOCAL INFILE; set local_infile=1 ` +
            `in its parameter group (stream mode needs it) or use --mode aurora`,
          { cause: err },
        )
      }
      throw err
    }
    progress.update(`${plan.schema.name}: loaded ${loaded.toLocaleString()} rows`)
  }
  return loaded
}
