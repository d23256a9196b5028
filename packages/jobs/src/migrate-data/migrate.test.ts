import { seedDemoData, type Db } from '@hexad/db'
import { mysqlMissing } from '@hexad/db/testing'
import { skipBecause } from '@hexad/test-support'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCampaigns } from '../../test/fixtures.ts'
import { createMysqlPair, type MysqlPair } from '../../test/mysql-pair.ts'
import { startS3, type TestS3 } from '@hexad/test-support/s3'
import { listKeys } from '../shared/s3.ts'
import { parseMysqlUrl } from './connect.ts'
import { migrateData, type MigrateOptions } from './migrate.ts'

const silent = { update() {}, done() {} }
const tables = ['advertisers', 'users', 'campaigns', 'creatives', 'daily_stats', 'hourly_stats']

async function rowsOf(db: Db, table: 'advertisers' | 'campaigns' | 'creatives' | 'users') {
  return db.selectFrom(table).selectAll().orderBy('id').execute()
}

describe('migrate-data on two MySQL databases', skipBecause(mysqlMissing), () => {
  let pair: MysqlPair
  let s3: TestS3
  let run = 0

  beforeAll(async () => {
    ;[pair, s3] = await Promise.all([createMysqlPair(), startS3()])
    // prd: the demo data plus rows with NULLs, non-ASCII text and awkward doubles.
    await seedDemoData(pair.prd.db, new Date('2026-11-20T00:00:00Z'))
    const [id = 0] = await createCampaigns(pair.prd.db, 3)
    await pair.prd.db
      .updateTable('campaigns')
      .set({
        name: '渋谷 “quoted”\ttab\\slash',
        geo_lat: 0.1 + 0.2,
        geo_lng: -1e-7,
        geo_radius_m: 5,
      })
      .where('id', '=', id)
      .execute()
    // stg: something of its own, to be replaced.
    await seedDemoData(pair.stg.db, new Date('2026-01-01T00:00:00Z'))
  })
  afterAll(async () => {
    await Promise.all([pair?.destroy(), s3?.close()])
  })

  function options(overrides: Partial<MigrateOptions> = {}): MigrateOptions {
    run++
    return {
      source: parseMysqlUrl('SOURCE_DATABASE_URL', pair.prd.url),
      target: parseMysqlUrl('TARGET_DATABASE_URL', pair.stg.url),
      tables,
      mode: 'stream',
      mask: true,
      dryRun: false,
      bucket: { client: s3.client, name: s3.bucket },
      runPrefix: `migrate-data/run-${run}/`,
      print: () => {},
      progress: silent,
      ...overrides,
    }
  }

  describe('stream mode', () => {
    let report: Awaited<ReturnType<typeof migrateData>>
    beforeAll(async () => {
      report = await migrateData(options())
    })

    it('copies every row, in foreign-key order, and verifies counts and checksums', async () => {
      expect(report.ok).toBe(true)
      expect(report.tables).toEqual(tables)
      for (const result of report.results) {
        expect(result).toMatchObject({
          ok: true,
          exported: result.sourceRows,
          loaded: result.sourceRows,
        })
        expect(result.targetChecksum).toBe(result.sourceChecksum)
      }
      expect(report.results.find((r) => r.table === 'daily_stats')?.targetRows).toBeGreaterThan(0)
      for (const table of ['advertisers', 'campaigns', 'creatives'] as const) {
        expect(await rowsOf(pair.stg.db, table)).toEqual(await rowsOf(pair.prd.db, table))
      }
      const stats = (db: Db) =>
        db.selectFrom('daily_stats').selectAll().orderBy('date').orderBy('campaign_id').execute()
      expect(await stats(pair.stg.db)).toEqual(await stats(pair.prd.db))
    })

    it('masks emails and password hashes on the way', async () => {
      const prdUsers = await rowsOf(pair.prd.db, 'users')
      const stgUsers = await rowsOf(pair.stg.db, 'users')
      expect(report.masked).toEqual(['users.email', 'users.password_hash'])
      expect(stgUsers).toEqual(
        prdUsers.map((u) => ({
          ...u,
          email: `user-${u.id}@example.invalid`,
          password_hash: 'masked',
        })),
      )
    })

    it('leaves the files in S3 as gzipped parts in MySQL text format', async () => {
      const keys = await listKeys(s3.client, s3.bucket, 'migrate-data/run-1/')
      expect(keys).toContain('migrate-data/run-1/users/part-00000.tsv.gz')
    })
  })

  it('copies the real values with masking turned off', async () => {
    const report = await migrateData(options({ mask: false }))
    expect(report).toMatchObject({ ok: true, masked: [] })
    expect(await rowsOf(pair.stg.db, 'users')).toEqual(await rowsOf(pair.prd.db, 'users'))
  })

  it('reports a row that changed on the way as a checksum mismatch', async () => {
    await pair.admin.query(
      `CREATE TRIGGER ${pair.stg.name}.tamper BEFORE INSERT ON ${pair.stg.name}.advertisers
       FOR EACH ROW SET NEW.name = CONCAT(NEW.name, '!')`,
    )
    try {
      const report = await migrateData(options())
      expect(report.ok).toBe(false)
      const bad = report.results.filter((r) => !r.ok)
      expect(bad).toMatchObject([{ table: 'advertisers' }])
      expect(bad[0]?.targetRows).toBe(bad[0]?.sourceRows)
    } finally {
      await pair.admin.query(`DROP TRIGGER ${pair.stg.name}.tamper`)
    }
  })

  describe('refuses a target that looks like production, before touching it', () => {
    beforeEach(async () => {
      await pair.stg.db.deleteFrom('daily_stats').execute()
    })

    it.each([
      ['a production name', 'prod'],
      ['no marker', 'unmarked'],
    ])('%s', async (_, label) => {
      const target = await pair.extra(label)
      await expect(
        migrateData(options({ target: parseMysqlUrl('TARGET_DATABASE_URL', target.url) })),
      ).rejects.toThrow(label === 'prod' ? /name .* says production/ : /no single-row hexad_env/)
    })

    it('a prd marker', async () => {
      await pair.admin.query(`UPDATE ${pair.stg.name}.hexad_env SET env = 'prd'`)
      try {
        await expect(migrateData(options())).rejects.toThrow(/marked hexad_env = 'prd'/)
      } finally {
        await pair.admin.query(`UPDATE ${pair.stg.name}.hexad_env SET env = 'stg'`)
      }
    })

    it('the source itself', async () => {
      await expect(
        migrateData(options({ target: parseMysqlUrl('TARGET_DATABASE_URL', pair.prd.url) })),
      ).rejects.toThrow(/same database/)
    })
  })

  it('refuses a table whose parent is not copied, or a child that would block emptying it', async () => {
    await expect(migrateData(options({ tables: ['creatives'] }))).rejects.toThrow(
      /creatives references campaigns: add it/,
    )
    await expect(migrateData(options({ tables: ['advertisers'] }))).rejects.toThrow(
      /campaigns references advertisers, users references advertisers: add campaigns, users/,
    )
  })

  it('aurora mode: --dry-run prints the exact SQL for each table and changes nothing', async () => {
    const before = await rowsOf(pair.stg.db, 'advertisers')
    const printed: string[] = []
    const report = await migrateData(
      options({
        mode: 'aurora',
        dryRun: true,
        print: (l) => printed.push(l),
        tables: [...tables].reverse(),
      }),
    )
    expect(report).toMatchObject({ ok: true, results: [] })
    const position = (table: string) => report.tables.indexOf(table)
    for (const [parent, child] of [
      ['advertisers', 'users'],
      ['advertisers', 'campaigns'],
      ['campaigns', 'creatives'],
      ['campaigns', 'daily_stats'],
    ] as const) {
      expect(position(parent)).toBeLessThan(position(child))
    }
    const sql = printed.join('\n')
    for (const table of tables) {
      expect(sql).toContain(
        `INTO OUTFILE S3 's3://${s3.bucket}/migrate-data/run-${run}/${table}/data' CHARACTER SET utf8mb4`,
      )
      expect(sql).toContain(
        `LOAD DATA FROM S3 PREFIX 's3://${s3.bucket}/migrate-data/run-${run}/${table}/data.part_' REPLACE INTO TABLE \`${table}\``,
      )
    }
    expect(sql).toContain(
      "SELECT `id`, `advertiser_id`, CONCAT('user-', `id`, '@example.invalid'), 'masked', `created_at` FROM `users` INTO OUTFILE S3",
    )
    // Deleted children first, loaded parents first.
    expect(sql.indexOf('DELETE FROM `daily_stats`')).toBeLessThan(
      sql.indexOf('DELETE FROM `advertisers`'),
    )
    expect(sql.indexOf('REPLACE INTO TABLE `advertisers`')).toBeLessThan(
      sql.indexOf('REPLACE INTO TABLE `campaigns`'),
    )
    expect(await rowsOf(pair.stg.db, 'advertisers')).toEqual(before)
  })
})
