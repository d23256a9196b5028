// s3rver ships no types: the declaration travels with this file into every package compiling it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module, not importable
/// <reference path="./s3rver.d.ts" />
// A local S3-compatible server for tests and benchmarks (the jobs', e2e's accounting test):
// s3rver (npm) on 127.0.0.1, a random port, its objects in a temporary folder removed on close.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'

export interface TestS3 {
  bucket: string
  endpoint: string
  client: S3Client
  /** What a job's process needs in its environment to reach this server. */
  env: Record<string, string>
  put(key: string, body: string | Uint8Array): Promise<void>
  remove(key: string): Promise<void>
  close(): Promise<void>
}

// s3rver accepts any key pair; the SDK insists on having one.
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

export async function startS3(bucket = 'hexad-test'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'hexad-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials })
  return {
    bucket,
    endpoint,
    client,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    async close() {
      client.destroy()
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
