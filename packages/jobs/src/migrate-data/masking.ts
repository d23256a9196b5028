import { escapeId } from 'mysql2'
import type { TableSchema } from './schema.ts'

/**
 * Personal data replaced on prd, in the SELECT itself: neither S3 nor stg ever holds the real
 * values. Emails stay unique (users.email is UNIQUE) and obviously fake; 'masked' is not a
 * password hash @hexad/db can verify, so no prd password works on stg.
 */
export const maskingRules: Record<string, Record<string, string>> = {
  users: {
    email: "CONCAT('user-', `id`, '@example.invalid')",
    password_hash: "'masked'",
  },
}

/** What to SELECT on prd for each column of `table`, in column order. */
export function exportExpressions(table: TableSchema, mask: boolean): string[] {
  const rules = mask ? (maskingRules[table.name] ?? {}) : {}
  return table.columns.map((column) => rules[column] ?? escapeId(column))
}

/** The masked columns of `table`, as `table.column`, for the summary. */
export function maskedColumns(table: TableSchema, mask: boolean): string[] {
  const rules = mask ? (maskingRules[table.name] ?? {}) : {}
  return table.columns.filter((c) => rules[c]).map((c) => `${table.name}.${c}`)
}
