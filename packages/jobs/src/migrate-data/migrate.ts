import { createProgress, type Progress } from '../shared/progress.ts'
import { tableChecksum, type TableChecksum } from './checksum.ts'
import { connect, type MysqlTarget, type Session } from './connect.ts'
import { readMarker, refuseProductionTarget } from './guard.ts'
import { maskedColumns } from './masking.ts'
import { readSchema, type TableSchema } from './schema.ts'
import { planTables, script, type Mode, type TablePlan } from './statements.ts'
import { PartFeed, exportTable, loadTable, type Bucket } from './stream-mode.ts'

export interface MigrateOptions {
  source: MysqlTarget
  target: MysqlTarget
  tables: string[]
  mode: Mode
  mask: boolean
  dryRun: boolean
  bucket: Bucket
  /** Ends with '/': where this run's files go. */
  runPrefix: string
  /** Where --dry-run writes its SQL. */
  print: (line: string) => void
  progress?: Progress
}

export interface TableReport {
  table: string
  /** Rows streamed out (stream mode), counted by the job itself. */
  exported: number | null
  loaded: number | null
  sourceRows: number
  targetRows: number
  sourceChecksum: string
  targetChecksum: string
  ok: boolean
}

export interface MigrateReport {
  ok: boolean
  /** Load order: parents first. */
  tables: string[]
  masked: string[]
  sourceEnv: string | null
  targetEnv: string
  results: TableReport[]
  /** Wall time of each step, for the summary: where a slow run spent it. */
  phasesMs: Record<string, number>
}

/** prd → S3 → stg for the given tables; see the README for the steps and their guarantees. */
export async function migrateData(options: MigrateOptions): Promise<MigrateReport> {
  const source = await connect(options.source)
  let target: Session | undefined
  try {
    target = await connect(options.target)
    const targetEnv = await refuseProductionTarget(options.source, options.target, target.sql)
    const schemas = await readSchema(target.sql, options.tables)
    await requireSameColumns(source, schemas)
    const plans = planTables(schemas, {
      mode: options.mode,
      mask: options.mask,
      bucket: options.bucket.name,
      runPrefix: options.runPrefix,
    })
    const report = {
      tables: schemas.map((s) => s.name),
      masked: schemas.flatMap((s) => maskedColumns(s, options.mask)),
      sourceEnv: (await readMarker(source.sql)) ?? null,
      targetEnv,
    }
    if (options.dryRun) {
      const lines = script(plans, options.source.location, options.target.location, options.mode)
      for (const line of lines) options.print(line)
      return { ok: true, ...report, results: [], phasesMs: {} }
    }
    // Milliseconds from the start of the copy at which each step ended (export overlaps load).
    const phasesMs: Record<string, number> = {}
    const progress = options.progress ?? createProgress()
    const results = await copy(source, target, plans, options, progress, phasesMs)
    return { ok: results.every((r) => r.ok), ...report, results, phasesMs }
  } finally {
    await Promise.allSettled([source.sql.end(), target?.sql.end()])
  }
}

async function copy(
  source: Session,
  target: Session,
  plans: TablePlan[],
  options: MigrateOptions,
  progress: Progress,
  phasesMs: Record<string, number>,
): Promise<TableReport[]> {
  const started = performance.now()
  const since = () => Math.round(performance.now() - started)
  // 1. Export every table from one snapshot, so parents and children agree with each other. It
  // runs on prd's connection while stg loads what is already in S3 (stream mode).
  const feeds = new Map(plans.map((plan) => [plan, new PartFeed()]))
  const exported = new Map<TablePlan, { rows: number | null; sum: TableChecksum }>()
  const exporting = (async () => {
    await source.sql.query('START TRANSACTION WITH CONSISTENT SNAPSHOT')
    const rows = new Map<TablePlan, number | null>()
    for (const [index, plan] of plans.entries()) {
      const feed = feeds.get(plan) as PartFeed
      try {
        if (options.mode === 'stream') {
          rows.set(plan, await exportTable(source, options.bucket, plan, feed, progress))
        } else {
          await source.sql.query(plan.exportSql)
          rows.set(plan, null)
        }
        feed.end()
      } catch (err) {
        for (const waiting of plans.slice(index)) feeds.get(waiting)?.fail(err)
        throw err
      }
    }
    phasesMs.export = since()
    // Checksums last, still in the snapshot: the load of the last table need not wait for them.
    for (const plan of plans) {
      const sum = await tableChecksum(source.sql, plan.sourceChecksumSql)
      exported.set(plan, { rows: rows.get(plan) ?? null, sum })
    }
    await source.sql.query('COMMIT')
    phasesMs.sourceChecksums = since()
  })()
  // Handled here so a failure while stg is busy is not an unhandled rejection; awaited below.
  exporting.catch(() => {})
  const loaded = new Map<TablePlan, number | null>()
  try {
    // 2. Empty stg's tables, children first (their foreign keys point at the parents).
    await inTransaction(target, async () => {
      for (const plan of plans.toReversed()) await target.sql.query(plan.deleteSql)
    })

    // 3. Load, parents first, one transaction per table. Foreign key and unique checks are off
    // for the load, as in mysqldump's output: the rows come from one consistent snapshot of a
    // database that enforced them, and step 4 proves stg holds exactly those rows.
    await target.sql.query('SET SESSION foreign_key_checks = 0, unique_checks = 0')
    for (const plan of plans) {
      const feed = feeds.get(plan) as PartFeed
      progress.update(`${plan.schema.name}: loading`)
      await inTransaction(target, async () => {
        if (options.mode === 'stream') {
          loaded.set(plan, await loadTable(target.sql, options.bucket, plan, feed, progress))
        } else {
          await feed.ended() // Aurora's files exist once prd's statement has returned
          await target.sql.query(plan.loadSql)
          loaded.set(plan, null)
        }
      })
    }
    await target.sql.query('SET SESSION foreign_key_checks = 1, unique_checks = 1')
    phasesMs.load = since()
  } finally {
    // A failed load lets the export finish (or fail) before the error goes on.
    await exporting.catch(() => {})
  }
  await exporting

  // 4. Verify: the server's own count and checksum on both sides.
  const results: TableReport[] = []
  for (const plan of plans) {
    progress.update(`${plan.schema.name}: verifying`)
    const after = await tableChecksum(target.sql, plan.targetChecksumSql)
    const before = exported.get(plan) as { rows: number | null; sum: TableChecksum }
    const counted = [before.rows, loaded.get(plan) ?? null].filter((n) => n !== null)
    results.push({
      table: plan.schema.name,
      exported: before.rows,
      loaded: loaded.get(plan) ?? null,
      sourceRows: before.sum.rows,
      targetRows: after.rows,
      sourceChecksum: before.sum.checksum,
      targetChecksum: after.checksum,
      ok:
        before.sum.rows === after.rows &&
        before.sum.checksum === after.checksum &&
        counted.every((n) => n === after.rows),
    })
  }
  phasesMs.verify = since()
  progress.done()
  return results
}

async function inTransaction(session: Session, work: () => Promise<void>): Promise<void> {
  await session.sql.beginTransaction()
  try {
    await work()
    await session.sql.commit()
  } catch (err) {
    await session.sql.rollback().catch(() => {})
    throw err
  }
}

/** stg must have prd's columns in prd's order: rows travel by position. */
async function requireSameColumns(source: Session, target: TableSchema[]): Promise<void> {
  const prd = new Map(
    (
      await readSchema(
        source.sql,
        target.map((t) => t.name),
      )
    ).map((s) => [s.name, s.columns]),
  )
  for (const table of target) {
    const columns = prd.get(table.name) ?? []
    if (columns.join(',') !== table.columns.join(',')) {
      throw new Error(
        `${table.name} differs: source (${columns.join(', ')}) vs target (${table.columns.join(', ')}); migrate both to the same schema first`,
      )
    }
  }
}
