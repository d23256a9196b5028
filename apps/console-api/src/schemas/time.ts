/** The database's UTC `YYYY-MM-DD HH:MM:SS` as the API's ISO 8601 `…T…Z`. */
export function isoFromSql(value: string): string {
  return `${value.replace(' ', 'T')}.000Z`
}
