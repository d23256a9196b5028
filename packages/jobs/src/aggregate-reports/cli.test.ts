import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, migrateToLatest } from '@hexad/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCampaigns, lines } from '../../test/fixtures.ts'
import { runCli, summaryOf } from '../../test/run-cli.ts'

describe('aggregate-reports as a process', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hexad-aggregate-cli-'))
    const databaseUrl = `sqlite:${join(dir, 'hexad.sqlite')}`
    const { db } = createDb(databaseUrl)
    await migrateToLatest(db)
    const [campaign = 0] = await createCampaigns(db, 1)
    await db.destroy()
    await mkdir(join(dir, 'logs', 'ad-api-1'), { recursive: true })
    await writeFile(
      join(dir, 'logs', 'ad-api-1', 'impression.20261125-03.0.log'),
      lines([{ tag: 'impression', requestId: 'r1', campaign }]),
    )
    env = { DATABASE_URL: databaseUrl, ANALYTICS_LOG_DIR: join(dir, 'logs') }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('ends with one JSON summary line', async () => {
    const run = await runCli('src/aggregate-reports/cli.ts', ['--from', '2026-11-25'], env)
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(summaryOf(run)).toMatchObject({
      job: 'aggregate-reports',
      days: ['2026-11-25'],
      impressions: 1,
      rowsWritten: 1,
    })
  })

  it('is what `pnpm job aggregate-reports` runs', async () => {
    const run = await runCli('src/job.ts', ['aggregate-reports', '--from', '2026-11-25'], env)
    expect(run.code).toBe(0)
    expect(summaryOf(run)).toMatchObject({ job: 'aggregate-reports', impressions: 1 })
  })

  it.each([
    [['--from', 'yesterday'], /YYYY-MM-DD/],
    [['--frm', '2026-11-25'], /Unknown option '--frm'/],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    const run = await runCli('src/aggregate-reports/cli.ts', args, env)
    expect(run).toMatchObject({ code: 2, stdout: '' })
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('says what to set when it has nothing to read', async () => {
    const run = await runCli('src/aggregate-reports/cli.ts', [], {
      DATABASE_URL: env.DATABASE_URL ?? '',
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/ANALYTICS_LOG_DIR .* or S3_BUCKET/)
  })

  it('names an unknown job', async () => {
    const run = await runCli('src/job.ts', ['aggregate'], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/aggregate-reports\|migrate-data/)
  })
})
