import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { hourKey } from '@hexad/contracts/analytics'
import { createDb, migrateToLatest } from '@hexad/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCampaigns, dailyStats, lines } from '../../test/fixtures.ts'

describe("aggregate-reports' development loop", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hexad-aggregate-dev-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('counts the hour in progress, then again as more arrives, until stopped', async () => {
    const databaseUrl = `sqlite:${join(dir, 'hexad.sqlite')}`
    const { db } = createDb(databaseUrl)
    await migrateToLatest(db)
    const [campaign = 0] = await createCampaigns(db, 1)
    const folder = join(dir, 'analytics', 'ad-api-dev')
    await mkdir(folder, { recursive: true })
    const now = Date.now()
    const file = join(folder, `impression.${hourKey(now)}.0.log`)
    await writeFile(file, lines([{ tag: 'impression', requestId: 'r1', campaign }]))

    const child = spawn(
      process.execPath,
      ['src/aggregate-reports/dev.ts', '--every', '1', '--settle', '0'],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: databaseUrl,
          ANALYTICS_LOG_DIR: join(dir, 'analytics'),
        },
      },
    )
    const output = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    const nextLine = async () => String((await output.next()).value)
    try {
      expect(await nextLine()).toMatch(/^aggregate-reports: 1 impressions, 0 clicks on .*, as of /)
      await writeFile(
        file,
        lines([
          { tag: 'impression', requestId: 'r1', campaign },
          { tag: 'impression', requestId: 'r2', campaign },
        ]),
      )
      // Each later run recounts today: the second record shows up, the first is not doubled.
      let line = await nextLine()
      while (!line.startsWith('aggregate-reports: 2 impressions')) line = await nextLine()
      const today = new Date(now).toISOString().slice(0, 10)
      expect(await dailyStats(db)).toEqual([
        { date: today, campaign_id: campaign, impressions: 2, clicks: 0 },
      ])
    } finally {
      child.kill()
      await db.destroy()
    }
  })
})
