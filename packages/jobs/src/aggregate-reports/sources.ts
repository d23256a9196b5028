import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** The tags whose files aggregate-reports reads (ad_request files are never opened). */
export const COUNTED_TAGS = ['impression', 'click'] as const

export interface InputFile {
  /** Where it is, for messages: a path or an s3:// URL. */
  name: string
  /** The file's text as a stream, gunzipped when its name ends in .gz. */
  open(): Promise<Readable>
}

/** Lists the files of one UTC hour: the unit both fluentd's S3 keys and the log folder use. */
export interface AnalyticsSource {
  /** 's3://bucket/prefix' or the folder, for the summary. */
  location: string
  filesForHour(hourStart: number): Promise<InputFile[]>
}

/** A file's bytes as text: through gunzip for `.gz`, errors of either side ending the read. */
export function decoded(name: string, raw: Readable): Readable {
  if (!name.endsWith('.gz')) return raw
  return pipeline(raw, createGunzip(), () => {
    // Errors reach the reader through the gunzip stream, which pipeline destroys with them.
  })
}
