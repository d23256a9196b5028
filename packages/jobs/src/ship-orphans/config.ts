import { hostname } from 'node:os'
import { S3_PREFIX } from '@hexad/contracts/analytics'
import { readEnv } from '../shared/env.ts'
import { s3Env } from '../shared/s3.ts'

export function loadShipConfig(env: Record<string, string | undefined> = process.env) {
  const values = readEnv(
    {
      // The analytics root every pod folder is under: the EFS volume, mounted read-write.
      ANALYTICS_LOG_DIR: { required: true },
      ...s3Env,
      S3_BUCKET: { required: true },
      S3_PREFIX: { default: S3_PREFIX },
      // This job's name in the lock files it takes over (the downward API's pod name).
      POD_NAME: {},
      // analytics-log's staleLockMs: its writers touch the lock every third of it.
      ORPHAN_STALE_SECONDS: { default: '60', pattern: /^[1-9]\d{0,4}$/, expected: 'seconds' },
      // Set by the kubelet in every pod: then a folder is only an orphan once its pod is gone.
      KUBERNETES_SERVICE_HOST: {},
      KUBERNETES_SERVICE_PORT: {},
    },
    env,
  )
  return {
    ...values,
    ANALYTICS_LOG_DIR: values.ANALYTICS_LOG_DIR as string,
    S3_BUCKET: values.S3_BUCKET as string,
    S3_PREFIX: values.S3_PREFIX as string,
    host: values.POD_NAME ?? hostname(),
    staleMs: Number(values.ORPHAN_STALE_SECONDS) * 1000,
  }
}

export type ShipConfig = ReturnType<typeof loadShipConfig>
