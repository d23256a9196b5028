import type { Readable } from 'node:stream'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { s3HourPrefix } from '@hexad/contracts/analytics'
import { listKeys } from '../shared/s3.ts'
import { decoded } from '../shared/read-lines.ts'
import { COUNTED_TAGS, type AnalyticsSource, type InputFile } from './sources.ts'

/**
 * The files fluentd shipped, laid out as @hexad/contracts/analytics says
 * (`<prefix><tag>/dt=YYYY-MM-DD/hour=HH/<pod>-<chunk id>.gz`). Objects are listed per tag and
 * hour (a prefix each), so other tags' objects are never even listed.
 */
export function s3Source(client: S3Client, bucket: string, prefix: string): AnalyticsSource {
  return {
    location: `s3://${bucket}/${prefix}`,
    async filesForHour(hourStart) {
      const files: InputFile[] = []
      for (const tag of COUNTED_TAGS) {
        for (const key of await listKeys(client, bucket, s3HourPrefix(prefix, tag, hourStart))) {
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
