import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import type { EnvSpec } from './env.ts'

/** The S3 settings both jobs read from the environment. */
export const s3Env = {
  S3_BUCKET: {},
  // An S3-compatible server (tests, minikube): path-style addressing, as those servers expect.
  S3_ENDPOINT: { pattern: /^https?:\/\/\S+$/, expected: 'an http(s):// URL' },
  // In EKS the pod identity webhook sets it; the SDK reads it from the environment too.
  AWS_REGION: {},
} satisfies Record<string, EnvSpec>

export interface S3Settings {
  S3_ENDPOINT?: string | undefined
  AWS_REGION?: string | undefined
}

/** Credentials come from the SDK's default chain (IRSA in EKS, the environment locally). */
export function createS3Client(settings: S3Settings): S3Client {
  const region = settings.AWS_REGION ?? (settings.S3_ENDPOINT ? 'us-east-1' : undefined)
  return new S3Client({
    ...(region ? { region } : {}),
    ...(settings.S3_ENDPOINT ? { endpoint: settings.S3_ENDPOINT, forcePathStyle: true } : {}),
  })
}

/** Every key under `prefix`, sorted, through as many list pages as it takes. */
export async function listKeys(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<string[]> {
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
