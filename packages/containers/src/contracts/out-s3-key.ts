// How fluent-plugin-s3 1.8.3 turns `path` and `s3_object_key_format` into an object key
// (lib/fluent/plugin/out_s3.rb, `write`), so tests can hold fluent.conf to what the plugin really
// does rather than to what a placeholder looks like it means:
//   1. `%{path}` and `%{file_extension}` are put in;
//   2. fluentd's `extract_placeholders` fills `${chunk_id}`, `${tag}`, `${tag[N]}`, `${<key>}` of
//      the buffer's other chunk keys, and strftime `%Y`… from the chunk's timekey;
//   3. every `%{…}` left is looked up in a Hash of the plugin's own values: a name it does not
//      know becomes an empty string, silently (`%{chunk_id}` was such a name).

export const OUT_S3_VERSION = '1.8.3'

/** The `%{…}` the plugin fills in step 3, by `check_object` (out_s3.rb 295–346). */
const OWN_VALUES: Record<'checkObject' | 'noCheckObject', readonly string[]> = {
  checkObject: ['time_slice', 'index', 'hex_random', 'uuid_flush'],
  noCheckObject: ['date_slice', 'time_slice', 'hms_slice', 'hex_random', 'uuid_flush'],
}
const STEP_ONE = ['path', 'file_extension']
const STRFTIME = /%[YmdHMS]/g
const HAS_STRFTIME = /%[YmdHMS]/

export interface OutS3Settings {
  path: string
  keyFormat: string
  checkObject: boolean
  /** The `<buffer …>` chunk keys, e.g. `['tag', 'time']`. */
  chunkKeys: readonly string[]
}

export interface Chunk {
  id: string
  tag: string
  /** The chunk's timekey (its slice's first millisecond). */
  timekey: number
  extension: string
}

/** Placeholders of the key that neither fluentd nor the plugin fills: each becomes ''. */
export function unfilledPlaceholders(settings: OutS3Settings): string[] {
  const format = settings.keyFormat.replace('%{path}', settings.path)
  const own = new Set([
    ...STEP_ONE,
    ...OWN_VALUES[settings.checkObject ? 'checkObject' : 'noCheckObject'],
  ])
  const unfilled = [...format.matchAll(/%\{([^}]+)\}/g)]
    .filter((m) => !own.has(m[1] as string))
    .map((m) => m[0])
  for (const [placeholder, name] of format.matchAll(/\$\{([^}[]+)(?:\[\d+\])?\}/g)) {
    if (name !== 'chunk_id' && !settings.chunkKeys.includes(name as string))
      unfilled.push(placeholder)
  }
  if (HAS_STRFTIME.test(format) && !settings.chunkKeys.includes('time')) unfilled.push('%Y…')
  return unfilled
}

/**
 * The key the plugin writes `chunk` to, step by step as above. The plugin's own random and time
 * values (`%{hex_random}`, `%{uuid_flush}`, `%{time_slice}`…) are not modelled: a format using
 * them throws here rather than pretend to know their value.
 */
export function outS3Key(settings: OutS3Settings, chunk: Chunk): string {
  const own = [...OWN_VALUES.checkObject, ...OWN_VALUES.noCheckObject]
  const modelled = settings.keyFormat
    .match(/%\{([^}]+)\}/g)
    ?.find((p) => own.includes(p.slice(2, -1)))
  if (modelled) throw new Error(`outS3Key does not model ${modelled}`)
  const iso = new Date(chunk.timekey).toISOString()
  const strftime: Record<string, string> = {
    '%Y': iso.slice(0, 4),
    '%m': iso.slice(5, 7),
    '%d': iso.slice(8, 10),
    '%H': iso.slice(11, 13),
    '%M': iso.slice(14, 16),
    '%S': iso.slice(17, 19),
  }
  const parts = chunk.tag.split('.')
  return settings.keyFormat
    .replace('%{path}', settings.path)
    .replace('%{file_extension}', chunk.extension)
    .replace(/\$\{tag\[(\d+)\]\}/g, (_, i: string) => parts[Number(i)] ?? '')
    .replace(/\$\{tag\}/g, chunk.tag)
    .replace(/\$\{chunk_id\}/g, chunk.id)
    .replace(STRFTIME, (f) => strftime[f] ?? f)
    .replace(/%\{[^}]+\}/g, '') // the Hash lookup: a name the plugin does not know becomes ''
}
