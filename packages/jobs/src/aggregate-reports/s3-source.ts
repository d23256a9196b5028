import type { Readable } from 'node:stream'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { listKeys } from '../shared/s3.ts'
import { dayString, hourString } from './hours.ts'
import { decoded } from '../shared/read-lines.ts'
import { COUNTED_TAGS, type AnalyticsSource, type InputFile } from './sources.ts'

/**
 * The files fluentd shipped: `<prefix><tag>/dt=YYYY-MM-DD/hour=HH/<pod>-<chunk>.gz`. Objects are
 * listed per tag and hour (a prefix each), so other tags' objects are never even listed.
 */
export function s3Source(client: S3Client, bucket: string, prefix: string): AnalyticsSource {
  return {
    location: `s3://${bucket}/${prefix}`,
    async filesForHour(hourStart) {
      const files: InputFile[] = []
      for (const tag of COUNTED_TAGS) {
        const hourPrefix = `${prefix}${tag}/dt=${dayString(hourStart)}/hour=${hourString(hourStart)}/`
        for (const key of await listKeys(client, bucket, hourPrefix)) {
          files.push({
            name: `s3://${bucket}/${key}`,
            async open() {
              const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
              return decoded(key, object.Body as Readable)
            },
          })
        }
      }
      return files
    },
  }
}
