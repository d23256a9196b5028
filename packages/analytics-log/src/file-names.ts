// The file-name half of the contract in README.md: `<tag>.<YYYYMMDD>-<HH>.<n>.log`, hour in UTC.
// The fluentd sidecar globs `*.log` and the report job parses names with `parseFileName`, so
// nothing else in a pod folder may end in `.log`.

export const HOUR_MS = 3_600_000

/** Tags become file names and metric labels: lower-case words joined by `_`. */
export const TAG_PATTERN = /^[a-z][a-z0-9_]{0,62}$/

/** A pod name becomes a folder name: what Kubernetes allows in a pod name, and hostnames. */
export const POD_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/

const FILE_PATTERN = /^([a-z][a-z0-9_]{0,62})\.(\d{8})-(\d{2})\.(\d+)\.log$/

export interface FileName {
  tag: string
  /** `YYYYMMDD-HH`, the UTC hour the file belongs to. */
  hour: string
  index: number
}

/** `YYYYMMDD-HH` of the UTC hour that contains `ms`. */
export function hourKey(ms: number): string {
  const iso = new Date(ms).toISOString() // 2026-11-25T21:54:52.527Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}`
}

export function fileName(tag: string, hour: string, index: number): string {
  return `${tag}.${hour}.${index}.log`
}

/** The parts of an analytics file name, or undefined for any other file (the lock, a stray). */
export function parseFileName(name: string): FileName | undefined {
  const m = FILE_PATTERN.exec(name)
  if (!m) return undefined
  return { tag: m[1]!, hour: `${m[2]}-${m[3]}`, index: Number(m[4]) }
}

/** Write order of the files of one tag: by hour, then by index (not by string: 10 > 9). */
export function compareFileNames(a: FileName, b: FileName): number {
  if (a.hour !== b.hour) return a.hour < b.hour ? -1 : 1
  return a.index - b.index
}
