// Entry point: `node src/migrate-data/cli.ts` (container) or `pnpm job migrate-data`.
import { randomBytes } from 'node:crypto'
import {
  JobFailed,
  UsageError,
  parseFlags,
  peakRssMiB,
  printSummary,
  runCli,
} from '../shared/cli.ts'
import { createS3Client } from '../shared/s3.ts'
import { DEFAULT_TABLES, loadMigrateConfig } from './config.ts'
import { parseMysqlUrl } from './connect.ts'
import { migrateData, type TableReport } from './migrate.ts'

const HELP = `Usage: migrate-data [--mode stream|aurora] [--tables a,b] [--no-mask] [--dry-run]

Copies tables from SOURCE_DATABASE_URL (prd) to TARGET_DATABASE_URL (stg) through S3_BUCKET:
empties the target tables (children first), loads them (parents first, one transaction per
table) and compares row counts and checksums. Refuses a target that looks like production.

  --mode stream    stream rows with mysql2 to gzipped S3 parts, LOAD DATA LOCAL each (default)
  --mode aurora    Aurora's SELECT … INTO OUTFILE S3 on prd and LOAD DATA FROM S3 on stg
  --tables a,b     tables to copy (default MIGRATE_TABLES, or ${DEFAULT_TABLES})
  --no-mask        copy users.email and users.password_hash as they are (masked by default)
  --dry-run        check both databases, print the exact SQL, change nothing
  -h, --help       this text
`

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    mode: { type: 'string', default: 'stream' },
    tables: { type: 'string' },
    mask: { type: 'boolean', default: true },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  })
  if (flags.help) {
    process.stdout.write(HELP)
    return
  }
  if (flags.mode !== 'stream' && flags.mode !== 'aurora') {
    throw new UsageError(`--mode must be stream or aurora (got "${flags.mode}")`)
  }
  const config = loadMigrateConfig()
  const tables = (flags.tables ?? config.MIGRATE_TABLES).split(',').filter(Boolean)
  if (tables.length === 0 || tables.some((t) => !/^[A-Za-z0-9_]+$/.test(t))) {
    throw new UsageError('--tables takes table names separated by commas')
  }
  const runId = `${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}-${randomBytes(3).toString('hex')}`
  const runPrefix = `${config.S3_PREFIX}${runId}/`
  const started = performance.now()
  const report = await migrateData({
    source: parseMysqlUrl('SOURCE_DATABASE_URL', config.SOURCE_DATABASE_URL),
    target: parseMysqlUrl('TARGET_DATABASE_URL', config.TARGET_DATABASE_URL),
    tables,
    mode: flags.mode,
    mask: flags.mask,
    dryRun: flags['dry-run'],
    bucket: { client: createS3Client(config), name: config.S3_BUCKET },
    runPrefix,
    print: (line) => process.stdout.write(`${line}\n`),
  })
  printSummary({
    job: 'migrate-data',
    mode: flags.mode,
    dryRun: flags['dry-run'],
    runId,
    s3: `s3://${config.S3_BUCKET}/${runPrefix}`,
    ...report,
    durationMs: Math.round(performance.now() - started),
    peakRssMiB: peakRssMiB(),
  })
  if (!report.ok) {
    process.stderr.write(mismatchReport(report.results))
    throw new JobFailed('verification failed')
  }
}

function mismatchReport(results: TableReport[]): string {
  const lines = results
    .filter((r) => !r.ok)
    .map(
      (r) =>
        `  ${r.table}: source ${r.sourceRows} rows (checksum ${r.sourceChecksum}), ` +
        `target ${r.targetRows} rows (checksum ${r.targetChecksum})` +
        (r.exported === null ? '' : `, exported ${r.exported}, loaded ${r.loaded}`),
    )
  return `migrate-data: the target does not match the source:\n${lines.join('\n')}\n`
}

if (import.meta.main) await runCli('migrate-data', () => main(process.argv.slice(2)))
