import { once } from 'node:events'
import type { Readable } from 'node:stream'
import { createGzip, constants as zlib } from 'node:zlib'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { Connection } from 'mysql2/promise'
import type { Progress } from '../shared/progress.ts'
import { decoded, readLineBatches } from '../shared/read-lines.ts'
import { listKeys } from '../shared/s3.ts'
import type { Session } from './connect.ts'
import type { TablePlan } from './statements.ts'

export interface Bucket {
  client: S3Client
  name: string
}

// A new object every this many rows: bounded objects, each loadable (and retryable) on its own.
const ROWS_PER_PART = 500_000
// One INSERT carries at most this much: far below max_allowed_packet (16 MiB by default).
const BATCH_ROWS = 5_000
const BATCH_CHARS = 2 * 1024 * 1024
// Multipart upload part size (S3's minimum is 5 MiB) and parts in flight.
const UPLOAD_PART_BYTES = 8 * 1024 * 1024

function partKey(plan: TablePlan, index: number): string {
  return `${plan.keyPrefix}part-${String(index).padStart(5, '0')}.ndjson.gz`
}

/** A gzip stream uploading itself to `key` as it is written (multipart above 8 MiB). */
function openPart(bucket: Bucket, key: string) {
  // Level 1: the bytes are read once, tomorrow; CPU now matters more than storage.
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
 * Streams the table out of prd as gzipped NDJSON (one JSON array per row, columns in table order)
 * into S3 objects; memory stays flat whatever the table's size. Returns the rows written.
 */
export async function exportTable(
  source: Session,
  bucket: Bucket,
  plan: TablePlan,
  progress: Progress,
): Promise<number> {
  let rows = 0
  let part: ReturnType<typeof openPart> | undefined
  for await (const row of source.stream(plan.exportSql) as AsyncIterable<unknown[]>) {
    part ??= openPart(bucket, partKey(plan, Math.floor(rows / ROWS_PER_PART)))
    if (!part.gzip.write(`${JSON.stringify(row)}\n`)) await once(part.gzip, 'drain')
    rows++
    if (rows % ROWS_PER_PART === 0) {
      await part.close()
      part = undefined
    }
    if (rows % 10_000 === 0)
      progress.update(`${plan.schema.name}: exported ${rows.toLocaleString()} rows`)
  }
  await part?.close()
  return rows
}

/**
 * Inserts the table's objects into stg in batches, in the caller's transaction. Returns the rows
 * inserted.
 */
export async function loadTable(
  target: Connection,
  bucket: Bucket,
  plan: TablePlan,
  progress: Progress,
): Promise<number> {
  let loaded = 0
  let batch: unknown[][] = []
  let chars = 0
  const flush = async () => {
    if (batch.length === 0) return
    await target.query(plan.loadSql, [batch])
    loaded += batch.length
    progress.update(`${plan.schema.name}: loaded ${loaded.toLocaleString()} rows`)
    batch = []
    chars = 0
  }
  for (const key of await listKeys(bucket.client, bucket.name, plan.keyPrefix)) {
    const object = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
    const text = decoded(key, object.Body as Readable)
    const unterminated = () => {
      throw new Error(`s3://${bucket.name}/${key} ends in the middle of a row`)
    }
    for await (const lines of readLineBatches(text, unterminated)) {
      for (const line of lines) {
        batch.push(JSON.parse(line) as unknown[])
        chars += line.length
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
      }
    }
  }
  await flush()
  return loaded
}
