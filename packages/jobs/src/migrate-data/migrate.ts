import { createProgress, type Progress } from '../shared/progress.ts'
import { tableChecksum } from './checksum.ts'
import { connect, type MysqlTarget, type Session } from './connect.ts'
import { readMarker, refuseProductionTarget } from './guard.ts'
import { maskedColumns } from './masking.ts'
import { readSchema, type TableSchema } from './schema.ts'
import { planTables, script, type Mode, type TablePlan } from './statements.ts'
import { exportTable, loadTable, type Bucket } from './stream-mode.ts'

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
      return { ok: true, ...report, results: [] }
    }
    const results = await copy(source, target, plans, options, options.progress ?? createProgress())
    return { ok: results.every((r) => r.ok), ...report, results }
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
): Promise<TableReport[]> {
  // 1. Export every table from one snapshot, so parents and children agree with each other.
  const exported = new Map<
    TablePlan,
    { rows: number | null; sum: Awaited<ReturnType<typeof tableChecksum>> }
  >()
  await source.sql.query('START TRANSACTION WITH CONSISTENT SNAPSHOT')
  for (const plan of plans) {
    progress.update(`${plan.schema.name}: exporting`)
    let rows: number | null = null
    if (options.mode === 'stream') rows = await exportTable(source, options.bucket, plan, progress)
    else await source.sql.query(plan.exportSql)
    exported.set(plan, { rows, sum: await tableChecksum(source.sql, plan.sourceChecksumSql) })
  }
  await source.sql.query('COMMIT')

  // 2. Empty stg's tables, children first (their foreign keys point at the parents).
  await inTransaction(target, async () => {
    for (const plan of plans.toReversed()) await target.sql.query(plan.deleteSql)
  })

  // 3. Load, parents first, one transaction per table.
  const loaded = new Map<TablePlan, number | null>()
  for (const plan of plans) {
    progress.update(`${plan.schema.name}: loading`)
    await inTransaction(target, async () => {
      if (options.mode === 'stream') {
        loaded.set(plan, await loadTable(target.sql, options.bucket, plan, progress))
      } else {
        await target.sql.query(plan.loadSql)
        loaded.set(plan, null)
      }
    })
  }

  // 4. Verify: the server's own count and checksum on both sides.
  const results: TableReport[] = []
  for (const plan of plans) {
    progress.update(`${plan.schema.name}: verifying`)
    const after = await tableChecksum(target.sql, plan.targetChecksumSql)
    const before = exported.get(plan) as { rows: number | null; sum: typeof after }
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
