import type { Readable } from 'node:stream'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { dayString, hourString } from './hours.ts'
import { COUNTED_TAGS, decoded, type AnalyticsSource, type InputFile } from './sources.ts'

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

async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    )
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return keys.sort()
}
