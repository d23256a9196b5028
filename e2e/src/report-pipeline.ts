import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import {
  LOCK_FILE,
  S3_PREFIX,
  parseFileName,
  parseHourKey,
  s3ObjectKey,
} from '@hexad/contracts/analytics'
import type { TestS3 } from '@hexad/test-support/s3'

/**
 * What fluentd does in a cluster (it cannot run here): every analytics file of every pod folder
 * under `root`, its complete lines gzipped, under the contract's key with a random 32-hex chunk id
 * (fluent.conf's `%{path}<POD_NAME>-${chunk_id}.gz`). Returns the keys.
 */
export async function shipLikeFluentd(root: string, s3: TestS3): Promise<string[]> {
  const keys: string[] = []
  for (const pod of await readdir(root)) {
    for (const name of await readdir(join(root, pod))) {
      const file = parseFileName(name)
      const hourStart = file && parseHourKey(file.hour)
      if (!file || hourStart === undefined) continue // the writer's lock
      const text = await readFile(join(root, pod, name), 'utf8')
      const lines = text.slice(0, text.lastIndexOf('\n') + 1)
      if (lines === '') continue
      const chunkId = randomBytes(16).toString('hex')
      const key = s3ObjectKey(S3_PREFIX, { tag: file.tag, hourStart, pod, chunkId })
      await s3.put(key, gzipSync(lines))
      keys.push(key)
    }
  }
  return keys
}

/**
 * The pod folders under `root` as a dead pod leaves them: its files, no live writer's lock,
 * copied to `into` for ship-orphans (the services go on writing the originals).
 */
export async function copyAsOrphans(root: string, into: string): Promise<void> {
  await cp(root, into, { recursive: true, filter: (path) => !path.endsWith(LOCK_FILE) })
}

/**
 * Runs a job as its CronJob does (`node src/<job>/cli.ts` in packages/jobs, with only `env`);
 * its JSON summary.
 */
export async function runJob(
  repo: string,
  job: 'aggregate-reports' | 'ship-orphans',
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, [`src/${job}/cli.ts`], {
    cwd: join(repo, 'packages', 'jobs'),
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>
}
