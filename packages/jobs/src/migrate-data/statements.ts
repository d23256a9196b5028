import { escapeId } from 'mysql2'
import { checksumSql } from './checksum.ts'
import { exportExpressions } from './masking.ts'
import type { TableSchema } from './schema.ts'

export type Mode = 'stream' | 'aurora'

/** Every statement the job runs for one table: what --dry-run prints is what runs. */
export interface TablePlan {
  schema: TableSchema
  /** Key prefix (in the bucket) of this table's files for this run. */
  keyPrefix: string
  /** On prd. stream: the rows to stream out; aurora: SELECT … INTO OUTFILE S3. */
  exportSql: string
  sourceChecksumSql: string
  /** On stg, children before parents. */
  deleteSql: string
  /** On stg, per file. stream: LOAD DATA LOCAL INFILE (mysql2 streams the file); aurora: FROM S3. */
  loadSql: string
  targetChecksumSql: string
}

export interface PlanSettings {
  mode: Mode
  mask: boolean
  bucket: string
  /** Ends with '/': `<S3_PREFIX><run id>/`. */
  runPrefix: string
}

// One text format for every file either mode writes, spelled out so the two sides cannot disagree:
// MySQL's default (tab-separated, backslash escapes, \N for NULL), which round-trips every value.
export const TEXT_FORMAT = `CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'`

export function planTables(schemas: TableSchema[], settings: PlanSettings): TablePlan[] {
  return schemas.map((schema) => {
    const table = escapeId(schema.name)
    const columns = schema.columns.map((c) => escapeId(c)).join(', ')
    const expressions = exportExpressions(schema, settings.mask)
    const select = `SELECT ${expressions.join(', ')} FROM ${table}`
    const keyPrefix = `${settings.runPrefix}${schema.name}/`
    // Aurora names its files <uri>.part_00000, .part_00001, …
    const auroraUri = `s3://${settings.bucket}/${keyPrefix}data`
    const orderBy = schema.primaryKey.length
      ? ` ORDER BY ${schema.primaryKey.map((c) => escapeId(c)).join(', ')}`
      : ''
    return {
      schema,
      keyPrefix,
      exportSql:
        settings.mode === 'aurora'
          ? `${select} INTO OUTFILE S3 '${auroraUri}' ${TEXT_FORMAT} MANIFEST OFF OVERWRITE ON`
          : `${select}${orderBy}`,
      sourceChecksumSql: checksumSql(schema.name, expressions),
      deleteSql: `DELETE FROM ${table}`,
      loadSql:
        settings.mode === 'aurora'
          ? `LOAD DATA FROM S3 PREFIX '${auroraUri}.part_' REPLACE INTO TABLE ${table} ${TEXT_FORMAT} (${columns})`
          : `LOAD DATA LOCAL INFILE 'part' INTO TABLE ${table} ${TEXT_FORMAT} (${columns})`,
      targetChecksumSql: checksumSql(
        schema.name,
        schema.columns.map((c) => escapeId(c)),
      ),
    }
  })
}

/** The whole run as SQL, in order, with which side each statement runs on. */
export function script(plans: TablePlan[], source: string, target: string, mode: Mode): string[] {
  const lines = [`-- on the source, ${source}, in one snapshot:`]
  lines.push('START TRANSACTION WITH CONSISTENT SNAPSHOT;')
  for (const plan of plans) {
    if (mode === 'stream') lines.push(`-- rows to s3 objects ${plan.keyPrefix}part-NNNNN.tsv.gz`)
    lines.push(`${plan.exportSql};`, `${plan.sourceChecksumSql};`)
  }
  lines.push('COMMIT;', `-- on the target, ${target}: empty the tables, children first`)
  lines.push('START TRANSACTION;', ...plans.toReversed().map((p) => `${p.deleteSql};`), 'COMMIT;')
  lines.push('-- load, parents first, one transaction per table')
  for (const plan of plans) {
    const load =
      mode === 'stream'
        ? `${plan.loadSql}; -- batches of rows from the s3 objects`
        : `${plan.loadSql};`
    lines.push('START TRANSACTION;', load, 'COMMIT;')
  }
  lines.push('-- verify: equal to the source checksums above')
  for (const plan of plans) lines.push(`${plan.targetChecksumSql};`)
  return lines
}
