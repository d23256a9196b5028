import { mysqlMissing } from '@hexad/db/testing'
import { skipBecause } from '@hexad/test-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMysqlPair, type MysqlPair } from '../../test/mysql-pair.ts'
import { runCli, summaryOf } from '../../test/run-cli.ts'
import { startS3, type TestS3 } from '@hexad/test-support/s3'

const entry = 'src/migrate-data/cli.ts'

describe('migrate-data as a process', () => {
  it('names the missing variables', async () => {
    const run = await runCli(entry, [], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/S3_BUCKET: is required/)
    expect(run.stderr).toMatch(/SOURCE_DATABASE_URL: is required/)
    expect(run.stderr).toMatch(/TARGET_DATABASE_URL: is required/)
  })

  it('refuses an unknown mode', async () => {
    const run = await runCli(entry, ['--mode', 'fast'], {})
    expect(run).toMatchObject({ code: 2 })
    expect(run.stderr).toMatch(/--mode must be stream or aurora/)
  })
})

describe('migrate-data as a process, on MySQL', skipBecause(mysqlMissing), () => {
  let pair: MysqlPair
  let s3: TestS3
  let env: Record<string, string>
  beforeAll(async () => {
    ;[pair, s3] = await Promise.all([createMysqlPair(), startS3()])
    env = { ...s3.env, SOURCE_DATABASE_URL: pair.prd.url, TARGET_DATABASE_URL: pair.stg.url }
  })
  afterAll(async () => {
    await Promise.all([pair?.destroy(), s3?.close()])
  })

  it('copies and ends with one JSON summary line', async () => {
    const run = await runCli(entry, [], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(summaryOf(run)).toMatchObject({ job: 'migrate-data', mode: 'stream', ok: true })
  })

  it('prints the SQL of a dry run before the summary', async () => {
    const run = await runCli('src/job.ts', ['migrate-data', '--mode', 'aurora', '--dry-run'], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^LOAD DATA FROM S3 PREFIX 's3:\/\/hexad-test\/migrate-data\//m)
    expect(summaryOf(run)).toMatchObject({ mode: 'aurora', dryRun: true, results: [] })
  })

  it('refuses production with a message, no stack trace, exit code 1', async () => {
    const run = await runCli(entry, [], { ...env, TARGET_DATABASE_URL: pair.prd.url })
    expect(run).toMatchObject({ code: 1, stdout: '' })
    expect(run.stderr).toMatch(/^migrate-data: refusing to write: source and target are the same/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
