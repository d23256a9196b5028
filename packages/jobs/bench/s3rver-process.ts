// The benchmark's S3: s3rver in its own process, so its CPU and memory are not the job's.
// Prints {"endpoint": …} once listening; stops on SIGTERM.
import { startS3 } from '@hexad/test-support/s3'

const s3 = await startS3(process.argv[2] ?? 'hexad-bench')
process.stdout.write(`${JSON.stringify({ endpoint: s3.endpoint, env: s3.env })}\n`)
process.once('SIGTERM', () => {
  void s3.close().then(() => process.exit(0))
})
