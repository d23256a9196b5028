// `pnpm --filter @hexad/jobs bench`: the two jobs at production-like volume, each run as its
// container runs it (`node src/<job>/cli.ts` in a child process), against a local S3 server
// (s3rver, its own process) and the local MySQL server, with the usual tool as the baseline.
//
//   aggregate-reports: 5,000,000 records in gzip objects → records/s and the job's peak RSS
//   migrate-data:      1,000,000 rows, stream mode vs `mysqldump | mysql` of the same tables
//
// Flags: --records N, --rows N (smaller runs), --only aggregate|migrate. MySQL: BENCH_MYSQL_URL,
// else TEST_MYSQL_URL, else mysql://root@127.0.0.1:3306. Takes 2.5 to 4 minutes on 2 cores.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createDb, migrateToLatest } from '@hexad/db'
import { createConnection, type Connection } from 'mysql2/promise'
import { createCampaigns } from '../test/fixtures.ts'
import { BENCH_DAY, generateAnalytics } from './generate-analytics.ts'
import { seedMysql } from './seed-mysql.ts'

const { values: flags } = parseArgs({
  options: {
    records: { type: 'string', default: '5000000' },
    rows: { type: 'string', default: '1000000' },
    only: { type: 'string' },
  },
})
const RECORDS = Number(flags.records)
const ROWS = Number(flags.rows)
const packageDir = new URL('..', import.meta.url).pathname
const benchStarted = performance.now()
const table: string[][] = []

function log(message: string) {
  console.error(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(0)}s] ${message}`)
}

// The container command's V8 flag (see the README): a small young generation keeps the jobs'
// resident memory flat; V8's default sizes it for a desktop.
const NODE_FLAGS = ['--max-semi-space-size=8']

/** Runs a job's entry point as a child process; wall time and its summary line. */
async function runJob(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags = NODE_FLAGS,
) {
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeFlags, entry, ...args], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number]
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`${entry} exited with ${code}`)
  const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>
  return { seconds, summary }
}

async function startS3rver(): Promise<{ process: ChildProcess; env: Record<string, string> }> {
  const child = spawn(process.execPath, ['bench/s3rver-process.ts'], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(child.stdout!, 'data')) as [Buffer]
  return {
    process: child,
    env: (JSON.parse(line.toString()) as { env: Record<string, string> }).env,
  }
}

function s3Client(env: Record<string, string>) {
  return new S3Client({
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  })
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function benchAggregate(s3env: Record<string, string>, work: string) {
  log(`generating ${fmt(RECORDS)} records (gzip, fluentd's key layout)`)
  const databaseUrl = `sqlite:${join(work, 'aggregate.sqlite')}`
  const { db } = createDb(databaseUrl)
  await migrateToLatest(db)
  const campaigns = await createCampaigns(db, 200)
  await db.destroy()
  const dataDir = join(work, 'analytics')
  const keys = await generateAnalytics(dataDir, RECORDS, campaigns)
  log(`uploading ${keys.length} objects to s3rver`)
  const client = s3Client(s3env)
  for (const key of keys) {
    await client.send(
      new PutObjectCommand({
        Bucket: s3env.S3_BUCKET,
        Key: key,
        Body: await readFile(join(dataDir, key)),
      }),
    )
  }
  client.destroy()
  log(`aggregating ${keys.length} objects through S3`)
  const run = (flags?: string[]) =>
    runJob(
      'src/aggregate-reports/cli.ts',
      ['--from', BENCH_DAY],
      { ...s3env, DATABASE_URL: databaseUrl },
      flags,
    )
  const { seconds, summary } = await run()
  log('again, with V8 default flags')
  const defaults = await run([])
  const lines = Number(summary.lines)
  if (lines !== RECORDS) throw new Error(`read ${lines} lines, expected ${RECORDS}`)
  const perSecond = lines / (Number(summary.durationMs) / 1000)
  const rss = Number(summary.peakRssMiB)
  const defaultPerSecond = lines / (Number(defaults.summary.durationMs) / 1000)
  table.push(
    [
      `aggregate-reports: ${fmt(RECORDS)} records, S3 gzip`,
      `${fmt(perSecond)} records/s`,
      '≥ 300,000 records/s',
      perSecond >= 300_000 ? 'yes' : 'NO',
    ],
    ['aggregate-reports: peak RSS of the job', `${rss} MiB`, '< 200 MiB', rss < 200 ? 'yes' : 'NO'],
    ['aggregate-reports: process wall time', `${seconds.toFixed(1)} s`, '', ''],
    [
      '  same, V8 default flags: records/s, peak RSS',
      `${fmt(defaultPerSecond)}/s, ${String(defaults.summary.peakRssMiB)} MiB`,
      '',
      '',
    ],
  )
}

/** Empty tables whatever their foreign keys: each attempt starts from the same state. */
async function emptyTables(admin: Connection, database: string, tables: string[]) {
  await admin.query('SET foreign_key_checks = 0')
  for (const table of tables) await admin.query(`TRUNCATE TABLE ${database}.${table}`)
  await admin.query('SET foreign_key_checks = 1')
}

function mysqlArgs(url: URL): { args: string[]; env: Record<string, string> } {
  return {
    args: ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username)],
    env: url.password ? { MYSQL_PWD: decodeURIComponent(url.password) } : {},
  }
}

function which(binary: string): Promise<boolean> {
  return new Promise((resolve) =>
    execFile('sh', ['-c', `command -v ${binary}`], (err) => resolve(!err)),
  )
}

async function benchMigrate(s3env: Record<string, string>) {
  const server = new URL(
    process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
  )
  const admin = await createConnection({
    uri: `mysql://${server.username}:${server.password}@${server.host}/`,
  })
  const suffix = randomBytes(3).toString('hex')
  const names = {
    prd: `hexad_jobs_bench_prd_${suffix}`,
    stg: `hexad_jobs_bench_stg_${suffix}`,
    dump: `hexad_jobs_bench_dump_${suffix}`,
  }
  const urls = Object.fromEntries(
    Object.entries(names).map(([k, name]) => [k, new URL(`/${name}`, server).toString()]),
  ) as typeof names
  try {
    for (const [key, name] of Object.entries(names)) {
      await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
      const { db } = createDb(urls[key as keyof typeof names])
      await migrateToLatest(db)
      await db.destroy()
      await admin.query(`CREATE TABLE ${name}.hexad_env (env VARCHAR(16) NOT NULL PRIMARY KEY)`)
      await admin.query(`INSERT INTO ${name}.hexad_env VALUES (?)`, [key === 'prd' ? 'prd' : 'stg'])
    }
    log(`seeding ${fmt(ROWS)} rows in ${names.prd}`)
    const plan = await seedMysql(admin, names.prd, ROWS)
    const tables = ['advertisers', 'users', 'campaigns', 'creatives', 'daily_stats']
    const total = plan.advertisers + plan.users + plan.campaigns + plan.creatives + plan.daily_stats

    const dump = (await which('mysqldump'))
      ? 'mysqldump'
      : (await which('mariadb-dump'))
        ? 'mariadb-dump'
        : undefined
    const { args, env } = mysqlArgs(server)
    const dumpShell = `${dump} ${args.join(' ')} --single-transaction --no-create-info --skip-triggers ${names.prd} ${tables.join(' ')} | mysql ${args.join(' ')} ${names.dump}`
    const runBaseline = async () => {
      await emptyTables(admin, names.dump, tables)
      const started = performance.now()
      await new Promise<void>((resolve, reject) =>
        execFile(
          'bash',
          ['-o', 'pipefail', '-c', dumpShell],
          { env: { ...process.env, ...env }, maxBuffer: 1 << 20 },
          (err) => (err ? reject(err) : resolve()),
        ),
      )
      return (performance.now() - started) / 1000
    }
    const runStream = async () => {
      await emptyTables(admin, names.stg, tables)
      const run = await runJob('src/migrate-data/cli.ts', ['--mode', 'stream'], {
        ...s3env,
        SOURCE_DATABASE_URL: urls.prd,
        TARGET_DATABASE_URL: urls.stg,
      })
      if (run.summary.ok !== true) throw new Error('migrate-data did not verify')
      return run
    }
    // Alternated, best of two each: on a shared machine one run can be twice as slow as the next.
    const baselines: number[] = []
    const streams: Awaited<ReturnType<typeof runStream>>[] = []
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (dump) {
        log(`baseline: ${dump} | mysql (attempt ${attempt})`)
        baselines.push(await runBaseline())
      }
      log(`migrate-data --mode stream (attempt ${attempt})`)
      streams.push(await runStream())
    }
    const baseline = baselines.length ? Math.min(...baselines) : undefined
    const { seconds, summary } = streams.reduce((a, b) => (b.seconds < a.seconds ? b : a))
    const ratio = baseline === undefined ? undefined : seconds / baseline
    table.push(
      [
        `migrate-data --mode stream: ${fmt(total)} rows, verified (best of 2)`,
        `${seconds.toFixed(1)} s`,
        '≤ 1.5 × baseline',
        ratio === undefined ? '?' : ratio <= 1.5 ? 'yes' : 'NO',
      ],
      [
        `${dump ?? 'mysqldump (not installed: apt-get install mariadb-client)'} piped to mysql, same tables (best of 2)`,
        baseline === undefined ? '-' : `${baseline.toFixed(1)} s`,
        'baseline',
        '',
      ],
      [
        'stream mode / baseline',
        ratio === undefined ? '-' : `${ratio.toFixed(2)} ×`,
        '≤ 1.50 ×',
        '',
      ],
      [
        '  every attempt: stream, baseline',
        `${streams.map((r) => r.seconds.toFixed(1)).join(' / ')} s, ${baselines.map((b) => b.toFixed(1)).join(' / ')} s`,
        '',
        '',
      ],
      ['migrate-data: peak RSS of the job', `${String(summary.peakRssMiB)} MiB`, '', ''],
      ['migrate-data: time per step (ms)', JSON.stringify(summary.phasesMs), '', ''],
    )
  } finally {
    for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.end()
  }
}

function printTable(rows: string[][]) {
  const header = ['measure', 'result', 'target', 'met']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows) console.log(line(row))
}

const work = await mkdtemp(join(tmpdir(), 'hexad-jobs-bench-'))
const s3 = await startS3rver()
try {
  if (flags.only !== 'migrate') await benchAggregate(s3.env, work)
  if (flags.only !== 'aggregate') await benchMigrate(s3.env)
} finally {
  s3.process.kill('SIGTERM')
  await rm(work, { recursive: true, force: true })
}
printTable(table)
console.log(
  `\nbench total: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s, Node ${process.version}, ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other work on the machine skews every figure)`,
)
