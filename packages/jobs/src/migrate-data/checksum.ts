import { escapeId } from 'mysql2'
import type { Connection, RowDataPacket } from 'mysql2/promise'

export interface TableChecksum {
  rows: number
  checksum: string
}

/**
 * One query per table, run by the server on both sides: row count and the XOR of each row's
 * CRC32 (columns joined with '#', plus their NULL flags), as pt-table-checksum does by default;
 * CRC32 is about five times cheaper than MD5 here, and a changed row goes unnoticed with
 * probability 2⁻³². On prd it runs over the exported expressions (masking included), on stg over
 * the columns, so equal results mean stg holds exactly what was exported, whatever the types.
 */
export function checksumSql(table: string, expressions: string[]): string {
  const nullFlags = expressions.map((e) => `ISNULL(${e})`).join(', ')
  const row = `CONCAT_WS('#', ${expressions.join(', ')}, CONCAT(${nullFlags}))`
  return (
    `SELECT COUNT(*) AS row_count, ` +
    `CAST(COALESCE(BIT_XOR(CRC32(${row})), 0) AS CHAR) ` +
    `AS checksum FROM ${escapeId(table)}`
  )
}

export async function tableChecksum(connection: Connection, sql: string): Promise<TableChecksum> {
  const [rows] = await connection.query<RowDataPacket[]>(sql)
  return { rows: Number(rows[0]?.row_count), checksum: String(rows[0]?.checksum) }
}
