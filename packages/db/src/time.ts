// Both engines store times as UTC text in one shape ('YYYY-MM-DD HH:MM:SS', dates 'YYYY-MM-DD'):
// MySQL compares DATETIME natively, SQLite compares the strings, and the same queries work on both.

export function toSqlDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

export function toSqlDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}
