import { createHash } from 'node:crypto'
import { readdir, readFile, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { FolderLock, LockError } from '@hexad/analytics-log/lock'
import { POD_PATTERN, parseFileName, parseHourKey, s3ObjectKey } from '@hexad/contracts/analytics'
import { errorMessage } from '../shared/cli.ts'

const gzipAsync = promisify(gzip)

export interface ShipOptions {
  /** The analytics root: one folder per pod (ANALYTICS_LOG_DIR). */
  root: string
  client: S3Client
  bucket: string
  prefix: string
  /** This job, as the lock file names its holder. */
  host: string
  /** A writer's lock not touched for this long is abandoned (analytics-log's staleLockMs). */
  staleMs: number
  /** In a cluster, the pods that may still write; a folder named after one is never touched. */
  livePods?: Set<string> | undefined
}

export type FolderOutcome =
  /** Its pod still exists (in a cluster): not even its lock is looked at. */
  | { pod: string; outcome: 'pod-running' }
  /** Its writer's lock is fresh: a writer is alive. */
  | { pod: string; outcome: 'writer-alive' }
  /** Every file is in S3 (verified) and the folder is gone. */
  | { pod: string; outcome: 'shipped'; files: number; objects: string[]; bytes: number }
  /** Something failed: the folder stays as it was, files and all, for the next run. */
  | { pod: string; outcome: 'failed'; error: string }

/**
 * Ships the folders whose writer is gone: their pod no longer runs (when `livePods` is given) and
 * their lock is stale or absent. Each such folder's lock is taken over first (and kept fresh while
 * the job works), so a writer of that name that came back would be refused instead of writing
 * into a folder being removed. Folders are handled one at a time; one failing does not stop the
 * others.
 */
export async function shipOrphans(options: ShipOptions): Promise<FolderOutcome[]> {
  const entries = await readdir(options.root, { withFileTypes: true }).catch((err: unknown) => {
    throw new Error(`cannot read ANALYTICS_LOG_DIR ${options.root}`, { cause: err })
  })
  const pods = entries
    .filter((entry) => entry.isDirectory() && POD_PATTERN.test(entry.name))
    .map((entry) => entry.name)
    .sort()
  const outcomes: FolderOutcome[] = []
  for (const pod of pods) {
    if (options.livePods?.has(pod)) outcomes.push({ pod, outcome: 'pod-running' })
    else outcomes.push(await shipFolder(pod, options))
  }
  return outcomes
}

async function shipFolder(pod: string, options: ShipOptions): Promise<FolderOutcome> {
  const dir = join(options.root, pod)
  let lock: FolderLock
  try {
    lock = await FolderLock.acquire(dir, { staleMs: options.staleMs, host: options.host })
  } catch (err) {
    if (err instanceof LockError) return { pod, outcome: 'writer-alive' }
    return { pod, outcome: 'failed', error: errorMessage(err) }
  }
  // As the writer does: touch the lock every third of the stale time.
  const heartbeat = setInterval(() => void lock.refresh().catch(() => {}), options.staleMs / 3)
  try {
    const names = (await readdir(dir)).filter((name) => parseFileName(name)).sort()
    const uploads: Upload[] = []
    for (const name of names) {
      const upload = await uploadFile(pod, dir, name, options)
      if (upload) uploads.push(upload)
    }
    // Only what S3 says it holds, at the size sent, lets the files go.
    for (const upload of uploads) await verify(upload, options)
    clearInterval(heartbeat)
    for (const name of names) await rm(join(dir, name))
    await lock.release()
    await rmdir(dir) // fails on anything the file contract does not know of: the folder stays
    return {
      pod,
      outcome: 'shipped',
      files: names.length,
      objects: uploads.map((u) => u.key),
      bytes: uploads.reduce((sum, u) => sum + u.size, 0),
    }
  } catch (err) {
    clearInterval(heartbeat)
    await lock.release()
    return { pod, outcome: 'failed', error: errorMessage(err) }
  }
}

interface Upload {
  key: string
  size: number
}

/**
 * One file as fluentd would have shipped it: its complete lines (what follows the last newline of
 * a dead writer's file is a cut record, see analytics-log's "How to read"), gzip, under the
 * contract's key for its tag and hour. The chunk id is a hash of pod, file name and content, so a
 * re-run writes the same bytes to the same key, and a later writer of the same name, whose files
 * restart at the same names, never overwrites this one's objects.
 */
async function uploadFile(
  pod: string,
  dir: string,
  name: string,
  options: ShipOptions,
): Promise<Upload | undefined> {
  const file = parseFileName(name)
  const hourStart = file && parseHourKey(file.hour)
  if (!file || hourStart === undefined) return undefined
  const raw = await readFile(join(dir, name))
  const lines = raw.subarray(0, raw.lastIndexOf(0x0a) + 1)
  if (lines.length === 0) return undefined
  const chunkId = createHash('sha256')
    .update(`${pod}\n${name}\n`)
    .update(lines)
    .digest('hex')
    .slice(0, 32)
  const key = s3ObjectKey(options.prefix, { tag: file.tag, hourStart, pod, chunkId })
  const body = await gzipAsync(lines)
  await options.client.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/gzip',
    }),
  )
  return { key, size: body.length }
}

async function verify(upload: Upload, options: ShipOptions): Promise<void> {
  const head = await options.client.send(
    new HeadObjectCommand({ Bucket: options.bucket, Key: upload.key }),
  )
  if (head.ContentLength !== upload.size) {
    throw new Error(
      `s3://${options.bucket}/${upload.key} holds ${head.ContentLength} bytes, not the ${upload.size} sent`,
    )
  }
}
