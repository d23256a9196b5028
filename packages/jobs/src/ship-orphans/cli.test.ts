import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { S3_PREFIX } from '@hexad/contracts/analytics'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lines } from '../../test/fixtures.ts'
import { runCli, summaryOf } from '../../test/run-cli.ts'
import { startS3, type TestS3 } from '@hexad/test-support/s3'
import { listKeys } from '../shared/s3.ts'

describe('ship-orphans as a process', () => {
  let s3: TestS3
  let root: string
  beforeAll(async () => {
    s3 = await startS3('hexad-orphans-cli')
    root = await mkdtemp(join(tmpdir(), 'hexad-orphans-cli-'))
  })
  afterAll(async () => {
    await s3.close()
    await rm(root, { recursive: true, force: true })
  })

  it('ships a folder without a writer and ends with one JSON summary line', async () => {
    await mkdir(join(root, 'ad-api-gone'))
    await writeFile(
      join(root, 'ad-api-gone', 'impression.20261125-03.0.log'),
      lines([{ tag: 'impression', requestId: 'r1', campaign: 1 }]),
    )
    const run = await runCli('src/job.ts', ['ship-orphans'], {
      ...s3.env,
      ANALYTICS_LOG_DIR: root,
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(summaryOf(run)).toMatchObject({
      job: 'ship-orphans',
      podCheck: false,
      shipped: 1,
      failed: 0,
    })
    expect(existsSync(join(root, 'ad-api-gone'))).toBe(false)
    expect(await listKeys(s3.client, s3.bucket, S3_PREFIX)).toHaveLength(1)
  })

  it('names what is missing, with exit code 2', async () => {
    const run = await runCli('src/ship-orphans/cli.ts', [], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/ANALYTICS_LOG_DIR: is required[\s\S]*S3_BUCKET: is required/)
  })

  it('exits 1 when a folder could not be shipped, and says which', async () => {
    await mkdir(join(root, 'ad-api-stuck'))
    await writeFile(join(root, 'ad-api-stuck', 'click.20261125-03.0.log'), lines([]))
    await writeFile(join(root, 'ad-api-stuck', 'notes.txt'), 'not in the file contract')
    const run = await runCli('src/ship-orphans/cli.ts', [], { ...s3.env, ANALYTICS_LOG_DIR: root })
    expect(run.code).toBe(1)
    expect(summaryOf(run)).toMatchObject({ failed: 1 })
    expect(run.stderr).toMatch(/kept ad-api-stuck/)
    expect(existsSync(join(root, 'ad-api-stuck', 'notes.txt'))).toBe(true)
  })
})
