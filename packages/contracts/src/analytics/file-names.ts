// A pod folder as the writer leaves it and fluentd and the report job read it:
// `<ANALYTICS_LOG_DIR>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log`, the hour in UTC, plus the writer's
// lock file. @hexad/analytics-log's README has the whole file contract (order, tails, retention).
import { dayString, hourString } from '../time.ts'

const TAG = '[a-z][a-z0-9_]{0,62}'
const POD = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?'

/** Tags become file names, S3 prefixes and metric labels: lower-case words joined by `_`. */
export const TAG_PATTERN = new RegExp(`^${TAG}$`)

/** A pod name becomes a folder name: what Kubernetes allows in a pod name, and hostnames. */
export const POD_PATTERN = new RegExp(`^${POD}$`)

const FILE_PATTERN = new RegExp(`^(${TAG})\\.(\\d{8}-\\d{2})\\.(\\d+)\\.log$`)

/** Every analytics file matches this glob, and nothing else in a pod folder does. */
export const FILE_GLOB = '*.log'

/** The writer's lock in its pod folder: present and fresh while the writer lives. */
export const LOCK_FILE = 'writer.lock'

export interface FileName {
  tag: string
  /** `YYYYMMDD-HH`, the UTC hour every record in the file belongs to. */
  hour: string
  /** 0 for the first file of a tag and hour, then in creation order (gaps allowed). */
  index: number
}

/** `YYYYMMDD-HH` of the UTC hour that contains `ms`. */
export function hourKey(ms: number): string {
  return `${dayString(ms).replaceAll('-', '')}-${hourString(ms)}`
}

/** The first millisecond of a `YYYYMMDD-HH` hour (UTC), or undefined when it is no real hour. */
export function parseHourKey(hour: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})$/.exec(hour)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]))
  return hourKey(ms) === hour ? ms : undefined
}

export function fileName(tag: string, hour: string, index: number): string {
  return `${tag}.${hour}.${index}.log`
}

/** The parts of an analytics file name, or undefined for any other file (the lock, a stray). */
export function parseFileName(name: string): FileName | undefined {
  const m = FILE_PATTERN.exec(name)
  if (!m) return undefined
  return { tag: m[1]!, hour: m[2]!, index: Number(m[3]) }
}

/** Write order of the files of one tag: by hour, then by index (not by string: 10 > 9). */
export function compareFileNames(a: FileName, b: FileName): number {
  if (a.hour !== b.hour) return a.hour < b.hour ? -1 : 1
  return a.index - b.index
}
