// Both engines store times as UTC text in one shape ('YYYY-MM-DD HH:MM:SS', dates 'YYYY-MM-DD'):
// MySQL compares DATETIME natively, SQLite compares the strings, and the same queries work on both.

export function toSqlDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/** The epoch ms of a stored 'YYYY-MM-DD HH:MM:SS' (UTC). */
export function fromSqlDateTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`)
}

export function toSqlDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}
