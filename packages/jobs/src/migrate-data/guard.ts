import type { Connection, RowDataPacket } from 'mysql2/promise'
import type { MysqlTarget } from './connect.ts'

/**
 * The marker every database the job writes to must carry: a one-row table naming its environment.
 *   CREATE TABLE hexad_env (env VARCHAR(16) NOT NULL PRIMARY KEY);
 *   INSERT INTO hexad_env VALUES ('stg');
 * Migrations never create it (they are the same everywhere); whoever creates the database does.
 */
export const MARKER_TABLE = 'hexad_env'

const PRODUCTION_ENVS = new Set(['prd', 'prod', 'production'])
// 'prd', 'prod' or 'production' as a word of a host or database name: hexad_prd, prd-aurora.…,
// hexad-production; not 'products'.
const PRODUCTION_WORD = /(?:^|[^a-z0-9])(?:prd|prod|production)(?:[^a-z0-9]|$)/i

/** Why `target` must not be written to, or undefined when nothing says it is production. */
export function productionNameReason(source: MysqlTarget, target: MysqlTarget): string | undefined {
  if (source.url.host === target.url.host && source.database === target.database) {
    return `source and target are the same database (${target.location})`
  }
  if (PRODUCTION_WORD.test(target.database)) {
    return `the target database name "${target.database}" says production`
  }
  if (PRODUCTION_WORD.test(target.host)) return `the target host "${target.host}" says production`
  return undefined
}

/** The environment a database's marker names, or undefined when it has no marker. */
export async function readMarker(connection: Connection): Promise<string | undefined> {
  try {
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT env FROM ${MARKER_TABLE}`)
    return rows.length === 1 ? String(rows[0]?.env) : rows.length === 0 ? '' : 'ambiguous'
  } catch (err) {
    if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') return undefined
    throw err
  }
}

/**
 * Throws unless the target is positively not production: its name must not say so, and its
 * marker must exist and name another environment. No flag overrides this; a database that is
 * not production but looks like it should be renamed or marked, not argued with at 5 am.
 */
export async function refuseProductionTarget(
  source: MysqlTarget,
  target: MysqlTarget,
  targetConnection: Connection,
): Promise<string> {
  const byName = productionNameReason(source, target)
  if (byName) throw new Error(`refusing to write: ${byName}`)
  const env = await readMarker(targetConnection)
  if (env === undefined || env === '' || env === 'ambiguous') {
    throw new Error(
      `refusing to write: ${target.location} has no single-row ${MARKER_TABLE} marker; ` +
        `mark it with CREATE TABLE ${MARKER_TABLE} (env VARCHAR(16) NOT NULL PRIMARY KEY); ` +
        `INSERT INTO ${MARKER_TABLE} VALUES ('stg');`,
    )
  }
  if (PRODUCTION_ENVS.has(env.toLowerCase())) {
    throw new Error(`refusing to write: ${target.location} is marked ${MARKER_TABLE} = '${env}'`)
  }
  return env
}
