import type { Connection, RowDataPacket } from 'mysql2/promise'
import { UsageError } from '../shared/cli.ts'

export interface TableSchema {
  name: string
  columns: string[]
  primaryKey: string[]
}

// Types whose values mysql2 returns as Buffers: NDJSON cannot carry them losslessly.
const BINARY_TYPES = new Set([
  'binary',
  'varbinary',
  'tinyblob',
  'blob',
  'mediumblob',
  'longblob',
  'bit',
  'geometry',
])

async function rows<T>(connection: Connection, sql: string, values: unknown[] = []): Promise<T[]> {
  const [result] = await connection.query<RowDataPacket[]>(sql, values)
  return result as T[]
}

/**
 * The requested tables as the database describes them, parents before children: the order in
 * which rows can be inserted with foreign keys checked (reverse it to delete). A table whose
 * parent is not requested is refused: its rows would point at rows stg may not have.
 */
export async function readSchema(connection: Connection, tables: string[]): Promise<TableSchema[]> {
  const columns = await rows<{ table: string; column: string; type: string }>(
    connection,
    `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, DATA_TYPE AS type
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)
      ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [tables],
  )
  const keys = await rows<{ table: string; column: string; constraint: string; parent: string }>(
    connection,
    `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, CONSTRAINT_NAME AS \`constraint\`,
            REFERENCED_TABLE_NAME AS parent
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)
        AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
      ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [tables],
  )
  const schemas = new Map<string, TableSchema>()
  for (const { table, column, type } of columns) {
    if (BINARY_TYPES.has(type.toLowerCase())) {
      throw new UsageError(`${table}.${column} is ${type}: binary columns are not supported`)
    }
    const schema = schemas.get(table) ?? { name: table, columns: [], primaryKey: [] }
    schema.columns.push(column)
    schemas.set(table, schema)
  }
  const missing = tables.filter((t) => !schemas.has(t))
  if (missing.length > 0) throw new UsageError(`no such table: ${missing.join(', ')}`)

  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const { table, column, constraint, parent } of keys) {
    if (constraint === 'PRIMARY') schemas.get(table)?.primaryKey.push(column)
    else if (parent !== table) parents.get(table)?.add(parent)
  }
  for (const [table, needs] of parents) {
    const absent = [...needs].filter((p) => !parents.has(p))
    if (absent.length > 0) {
      throw new UsageError(`${table} references ${absent.join(', ')}: add it to the tables`)
    }
  }
  await refuseBlockingChildren(connection, tables)
  return topologicalOrder(parents).map((name) => schemas.get(name) as TableSchema)
}

/**
 * The requested tables are emptied before loading. A table left out whose foreign key would stop
 * that (not ON DELETE CASCADE, e.g. campaigns when only advertisers are copied) is named here,
 * rather than as MySQL's error halfway through.
 */
async function refuseBlockingChildren(connection: Connection, tables: string[]): Promise<void> {
  const blocking = await rows<{ child: string; parent: string }>(
    connection,
    `SELECT DISTINCT TABLE_NAME AS child, REFERENCED_TABLE_NAME AS parent
       FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IN (?)
        AND TABLE_NAME NOT IN (?) AND DELETE_RULE <> 'CASCADE'
      ORDER BY child`,
    [tables, tables],
  )
  if (blocking.length > 0) {
    const pairs = blocking.map((b) => `${b.child} references ${b.parent}`).join(', ')
    throw new UsageError(`${pairs}: add ${blocking.map((b) => b.child).join(', ')} to the tables`)
  }
}

/** Kahn's algorithm; ties keep the requested order so the output is stable. */
export function topologicalOrder(parents: Map<string, Set<string>>): string[] {
  const order: string[] = []
  const placed = new Set<string>()
  while (order.length < parents.size) {
    const ready = [...parents].find(
      ([table, needs]) => !placed.has(table) && [...needs].every((p) => placed.has(p)),
    )
    if (!ready) {
      const stuck = [...parents.keys()].filter((t) => !placed.has(t))
      throw new UsageError(`foreign keys form a cycle among ${stuck.join(', ')}`)
    }
    order.push(ready[0])
    placed.add(ready[0])
  }
  return order
}
