import { Duration, Stack, type StackProps } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import type { SharedConfig } from '../config/schema.ts'
import { CircleCiReleaseRole } from '../constructs/circleci-release-role.ts'
import { ImageRepositories } from '../constructs/image-repositories.ts'
import { AccessLogBucket, SecureBucket } from '../constructs/secure-bucket.ts'
import { addOutputs } from '../outputs.ts'

/**
 * What exists once per account, before any cluster: the image repositories, the role CircleCI
 * pushes them with, and the bucket migrate-data carries prd's tables to stg through.
 */
export class SharedStack extends Stack {
  readonly migrationBucket: SecureBucket

  constructor(scope: Construct, id: string, props: StackProps & { config: SharedConfig }) {
    super(scope, id, props)
    const { config } = props
    const images = new ImageRepositories(this, 'Images', { ecr: config.ecr })
    const release = new CircleCiReleaseRole(this, 'CircleCi', {
      circleci: config.circleci,
      repository: config.repository,
      repositories: images.repositories,
    })
    const logs = new AccessLogBucket(this, 'AccessLogs', {
      expireAfterDays: config.accessLogsExpireAfterDays,
    })
    const { migration } = config
    this.migrationBucket = new SecureBucket(this, 'Migration', {
      bucketName: migration.bucketName,
      accessLogs: logs,
      lifecycleRules: [
        {
          id: 'expire-migration-runs',
          prefix: migration.prefix,
          expiration: Duration.days(migration.expireAfterDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    })

    addOutputs(this, {
      EcrRegistry: [
        `${this.account}.dkr.ecr.${this.region}.${this.urlSuffix}`,
        'image registry of k8s/<env>/*.yaml and CircleCI context hexad-aws ECR_REGISTRY',
      ],
      CircleCiRoleArn: [release.role.roleArn, 'CircleCI context hexad-aws AWS_ROLE_ARN'],
      MigrationBucketName: [
        this.migrationBucket.bucketName,
        'MIGRATE_S3_BUCKET in k8s/{stg,prd}/migrate-data.yaml',
      ],
    })
  }
}
