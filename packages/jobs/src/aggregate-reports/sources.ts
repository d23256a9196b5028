import type { Readable } from 'node:stream'

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
