// Where fluentd puts what it ships (docker/fluentd/fluent.conf) and the report job lists:
// `<prefix><tag>/dt=YYYY-MM-DD/hour=HH/<pod>-<chunk id>.gz`, one gzip object of JSON lines per
// pod, tag, UTC hour and buffer chunk. The chunk id (fluentd's `${chunk_id}`, hex) makes every
// object's key its own, so no upload overwrites another.
import { HOUR_MS, dayString, hourString, parseDay } from '../time.ts'
import { POD_PATTERN, TAG_PATTERN } from './file-names.ts'

/** The prefix fluent.conf uploads under and the report job reads from by default. */
export const S3_PREFIX = 'analytics/'

export interface S3Key {
  tag: string
  /** The first millisecond of the UTC hour the records belong to. */
  hourStart: number
  pod: string
  chunkId: string
}

const KEY_PATTERN =
  /^([^/]+)\/dt=(\d{4}-\d{2}-\d{2})\/hour=(\d{2})\/([A-Za-z0-9._-]+)-([0-9a-f]+)\.gz$/

/** Every object of one tag and UTC hour starts with this: list it, and only it, to read them. */
export function s3HourPrefix(prefix: string, tag: string, hourStart: number): string {
  return `${prefix}${tag}/dt=${dayString(hourStart)}/hour=${hourString(hourStart)}/`
}

export function s3ObjectKey(prefix: string, key: S3Key): string {
  return `${s3HourPrefix(prefix, key.tag, key.hourStart)}${key.pod}-${key.chunkId}.gz`
}

/** The parts of an object key under `prefix`, or undefined for a key of any other shape. */
export function parseS3Key(prefix: string, key: string): S3Key | undefined {
  if (!key.startsWith(prefix)) return undefined
  const m = KEY_PATTERN.exec(key.slice(prefix.length))
  if (!m) return undefined
  const [, tag = '', dt = '', hh = '', pod = '', chunkId = ''] = m
  const day = parseDay(dt)
  const hour = Number(hh)
  if (!TAG_PATTERN.test(tag) || !POD_PATTERN.test(pod) || day === undefined || hour > 23) {
    return undefined
  }
  return { tag, hourStart: day + hour * HOUR_MS, pod, chunkId }
}
