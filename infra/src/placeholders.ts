import type { InfraConfig } from './config/load.ts'
import {
  ENVIRONMENTS,
  kubesecAlias,
  serviceAccountRoleName,
  SERVICE_ACCOUNTS,
} from '@hexad/deploy-tools/plan'

/**
 * Every value in k8s/ that belongs to the AWS side (account, region, hosts, ids, ARNs), where it
 * is, and the stack output that fills it. infra/README.md shows this as a table; the test
 * checks each value against the config where the config decides it (so manifests and stacks
 * can't drift) and that each output exists.
 */
export interface Placeholder {
  /** Under k8s/: a file, or a folder ending in `/` for every file in it. */
  file: string
  /** Finds the value: the first group of every match. */
  pattern: RegExp
  /** What the value must be, when the config decides it (undefined: known after deploy). */
  expected?: string
  stack: string
  output: string
}

/** Where each ServiceAccount's role-arn annotation is, and the output that fills it. */
const ROLE_ARN_PLACES: Record<
  (typeof SERVICE_ACCOUNTS)[keyof typeof SERVICE_ACCOUNTS],
  { file: string; output: string }
> = {
  'analytics-shipper': { file: 'service-accounts.yaml', output: 'AnalyticsShipperRoleArn' },
  jobs: { file: 'service-accounts.yaml', output: 'JobsRoleArn' },
  'orphan-shipper': { file: 'ship-orphans.yaml', output: 'OrphanShipperRoleArn' },
}

export function placeholders(config: InfraConfig): Placeholder[] {
  const { account, region, migration } = config.shared
  const list: Placeholder[] = [
    {
      file: 'cluster/storage-class.yaml',
      pattern: /fileSystemId: (\S+)/g,
      stack: 'hexad-cluster',
      output: 'EfsFileSystemId',
    },
    ...['cluster/datadog/secrets.enc.yaml', 'cluster/botkube/secrets.enc.yaml'].map((file) => ({
      file,
      pattern: kubesecFooter,
      expected: aliasArn(region, account, 'cluster'),
      stack: 'hexad-cluster',
      output: 'ClusterKubesecKeyArn',
    })),
  ]
  for (const env of ENVIRONMENTS) {
    const { hosts, analytics, database } = config.environments[env]
    const stack = `hexad-${env}`
    const role = (serviceAccount: string) =>
      `arn:aws:iam::${account}:role/${serviceAccountRoleName(env, serviceAccount)}`
    const configMap = (key: string) => new RegExp(`^  ${key}: (\\S+)$`, 'gm')
    list.push(
      {
        file: `${env}/`,
        pattern: /image: (\S+)\/hexad\//g,
        expected: `${account}.dkr.ecr.${region}.amazonaws.com`,
        stack: 'hexad-shared',
        output: 'EcrRegistry',
      },
      ...Object.values(SERVICE_ACCOUNTS).map((name) => ({
        file: `${env}/${ROLE_ARN_PLACES[name].file}`,
        pattern: new RegExp(`role-arn: (\\S+/${serviceAccountRoleName(env, name)})$`, 'gm'),
        expected: role(name),
        stack,
        output: ROLE_ARN_PLACES[name].output,
      })),
      {
        file: `${env}/secrets.enc.yaml`,
        pattern: kubesecFooter,
        expected: aliasArn(region, account, env),
        stack,
        output: 'KubesecKeyArn',
      },
      {
        file: `${env}/config.yaml`,
        pattern: configMap('AWS_REGION'),
        expected: region,
        stack,
        output: 'Region',
      },
      {
        file: `${env}/config.yaml`,
        pattern: configMap('AD_API_PUBLIC_BASE_URL'),
        expected: `https://${hosts.ads}`,
        stack,
        output: 'AdApiPublicBaseUrl',
      },
      {
        file: `${env}/config.yaml`,
        pattern: configMap('AD_TAG_AD_API_ORIGIN'),
        expected: `https://${hosts.ads}`,
        stack,
        output: 'AdTagApiOrigin',
      },
      {
        file: `${env}/config.yaml`,
        pattern: configMap('ANALYTICS_S3_BUCKET'),
        expected: analytics.bucketName,
        stack,
        output: 'AnalyticsBucketName',
      },
    )
    if (database.migration !== 'none') {
      list.push({
        file: `${env}/migrate-data.yaml`,
        pattern: configMap('MIGRATE_S3_BUCKET'),
        expected: migration.bucketName,
        stack: 'hexad-shared',
        output: 'MigrationBucketName',
      })
    }
  }
  return list
}

/** kubesec's footer line: `# kubesec:aws:<key ARN>:<wrapped data key>` */
const kubesecFooter = /^# kubesec:aws:(arn:aws:kms:[^:]+:[^:]+:alias\/[^:]+):/gm

function aliasArn(
  region: string,
  account: string,
  env: Parameters<typeof kubesecAlias>[0],
): string {
  return `arn:aws:kms:${region}:${account}:${kubesecAlias(env)}`
}
