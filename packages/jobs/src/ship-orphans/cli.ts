// Entry point: `node src/ship-orphans/cli.ts` (container) or `pnpm job ship-orphans`.
import { JobFailed, parseFlags, printSummary, runCli } from '../shared/cli.ts'
import { createS3Client } from '../shared/s3.ts'
import { loadShipConfig } from './config.ts'
import { inClusterApi, livePods } from './live-pods.ts'
import { shipOrphans } from './ship.ts'

const HELP = `Usage: ship-orphans

Uploads the analytics files of pods whose writer is gone (their pod no longer runs, when in a
cluster, and their writer.lock is stale or absent) to S3 under fluentd's key layout, verifies each
object, then deletes the files and the folder. A folder that fails stays whole for the next run.
Reads ANALYTICS_LOG_DIR and S3_BUCKET (see the README). Exit code 1 when a folder failed.

  -h, --help   this text
`

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, { help: { type: 'boolean', short: 'h' } })
  if (flags.help) {
    process.stdout.write(HELP)
    return
  }
  const config = loadShipConfig()
  const started = performance.now()
  // In a cluster the pod list comes first: no answer from the API, no folder touched.
  const pods = config.KUBERNETES_SERVICE_HOST
    ? await livePods(await inClusterApi(config))
    : undefined
  const client = createS3Client(config)
  try {
    const folders = await shipOrphans({
      root: config.ANALYTICS_LOG_DIR,
      client,
      bucket: config.S3_BUCKET,
      prefix: config.S3_PREFIX,
      host: config.host,
      staleMs: config.staleMs,
      livePods: pods,
    })
    const count = (outcome: string) => folders.filter((f) => f.outcome === outcome).length
    printSummary({
      job: 'ship-orphans',
      root: config.ANALYTICS_LOG_DIR,
      destination: `s3://${config.S3_BUCKET}/${config.S3_PREFIX}`,
      podCheck: pods !== undefined,
      shipped: count('shipped'),
      podRunning: count('pod-running'),
      writerAlive: count('writer-alive'),
      failed: count('failed'),
      folders,
      durationMs: Math.round(performance.now() - started),
    })
    for (const folder of folders) {
      if (folder.outcome === 'failed') {
        process.stderr.write(`ship-orphans: kept ${folder.pod}: ${folder.error}\n`)
      }
    }
    if (count('failed') > 0) throw new JobFailed('some folders were not shipped')
  } finally {
    client.destroy()
  }
}

if (import.meta.main) await runCli('ship-orphans', () => main(process.argv.slice(2)))
