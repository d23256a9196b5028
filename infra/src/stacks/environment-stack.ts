import { Duration, Stack, type StackProps } from 'aws-cdk-lib'
import type * as ec2 from 'aws-cdk-lib/aws-ec2'
import type * as rds from 'aws-cdk-lib/aws-rds'
import * as s3 from 'aws-cdk-lib/aws-s3'
import type { Construct } from 'constructs'
import type { EnvironmentConfig, SharedConfig } from '../config/schema.ts'
import type { ClusterHandle } from '../constructs/cluster.ts'
import { Database } from '../constructs/database.ts'
import { Delivery } from '../constructs/delivery.ts'
import { KubesecKey } from '../constructs/kubesec-key.ts'
import { LoadBalancer } from '../constructs/load-balancer.ts'
import { AccessLogBucket, SecureBucket } from '../constructs/secure-bucket.ts'
import { WorkloadRoles } from '../constructs/workload-roles.ts'
import { acknowledgeCdkHandlerLogging } from '../nag.ts'
import { addOutputs } from '../outputs.ts'
import { S3_PREFIX as ANALYTICS_PREFIX } from '@hexad/contracts/analytics'
import { kubesecAlias, type Environment } from '@hexad/deploy-tools/plan'

export interface EnvironmentStackProps extends Omit<StackProps, 'env'> {
  environment: Environment
  config: EnvironmentConfig
  shared: SharedConfig
  vpc: ec2.IVpc
  cluster: ClusterHandle
}

/**
 * Everything outside Kubernetes that one environment (namespace hexad-<env>) needs: its ALB and
 * target groups, its Aurora cluster, its analytics bucket, the IRSA roles of its pods, its
 * kubesec key, and the pipeline that applies k8s/<env>/.
 */
export class EnvironmentStack extends Stack {
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, {
      description: props.description,
      env: { account: props.config.account, region: props.config.region },
    })
    const { environment: env, config, shared, vpc, cluster } = props
    const logs = new AccessLogBucket(this, 'AccessLogs', {
      expireAfterDays: shared.accessLogsExpireAfterDays,
    })
    const analytics = new SecureBucket(this, 'Analytics', {
      bucketName: config.analytics.bucketName,
      accessLogs: logs,
      lifecycleRules: [
        {
          id: 'analytics-retention',
          prefix: ANALYTICS_PREFIX,
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(config.analytics.infrequentAccessAfterDays),
            },
          ],
          expiration: Duration.days(config.analytics.expireAfterDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    })
    // hexad-shared's bucket, by its configured name (a literal ARN in every policy).
    const migrationBucket = s3.Bucket.fromBucketName(this, 'Migration', shared.migration.bucketName)
    const migration = { bucket: migrationBucket, prefix: shared.migration.prefix }

    const alb = new LoadBalancer(this, 'Traffic', { env, config, vpc, cluster, accessLogs: logs })
    const database = new Database(this, 'Database', {
      env,
      config: config.database,
      vpc,
      cluster,
      migration,
    }).cluster
    const roles = new WorkloadRoles(this, 'Workloads', {
      env,
      cluster,
      analyticsBucket: analytics,
      ...(config.database.migration === 'none' ? {} : { migration }),
    })
    const kubesec = new KubesecKey(this, 'Kubesec', {
      alias: kubesecAlias(env),
      people: config.kubesecUsers,
    })
    const artifacts = new SecureBucket(this, 'PipelineArtifacts', {
      accessLogs: logs,
      lifecycleRules: [
        {
          id: 'expire-artifacts',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    })
    const delivery = new Delivery(this, 'Delivery', { env, shared, cluster, kubesec, artifacts })
    acknowledgeCdkHandlerLogging(this)

    const ads = `https://${config.hosts.ads}`
    addOutputs(this, {
      Region: [this.region, 'k8s/<env>/config.yaml AWS_REGION'],
      AlbDnsName: [
        alb.alb.loadBalancerDnsName,
        `DNS: ${config.hosts.console} and ${config.hosts.ads} → this (alias or CNAME)`,
      ],
      ConsoleUrl: [
        `https://${config.hosts.console}`,
        'the advertiser console (its API is /api on the same host)',
      ],
      AdApiPublicBaseUrl: [ads, 'k8s/<env>/config.yaml AD_API_PUBLIC_BASE_URL'],
      AdTagApiOrigin: [ads, 'k8s/<env>/config.yaml AD_TAG_AD_API_ORIGIN (API_ORIGIN of ad-tag)'],
      TagScriptUrl: [`${ads}/hexad-tag.js`, 'what publishers put in <script src>'],
      AnalyticsBucketName: [analytics.bucketName, 'k8s/<env>/config.yaml ANALYTICS_S3_BUCKET'],
      AnalyticsShipperRoleArn: [
        roles.analyticsShipper.roleArn,
        'k8s/<env>/service-accounts.yaml analytics-shipper role-arn',
      ],
      JobsRoleArn: [roles.jobs.roleArn, 'k8s/<env>/service-accounts.yaml jobs role-arn'],
      OrphanShipperRoleArn: [
        roles.orphanShipper.roleArn,
        'k8s/<env>/ship-orphans.yaml orphan-shipper role-arn',
      ],
      KubesecKeyArn: [
        kubesec.aliasArn,
        'kubesec encrypt --key=<this> for k8s/<env>/secrets.enc.yaml',
      ],
      DatabaseEndpoint: [
        database.clusterEndpoint.hostname,
        'host of the *_DATABASE_URL secrets (writer)',
      ],
      DatabaseReaderEndpoint: [
        database.clusterReadEndpoint.hostname,
        'reader endpoint (read-only tools)',
      ],
      DatabaseAdminSecretArn: [
        masterSecretArn(database),
        'admin user password, generated and rotated by RDS: create the app users with it',
      ],
      PipelineName: [delivery.pipeline.pipelineName, `applies k8s/${env}/ on every push to ${env}`],
    })
  }
}

function masterSecretArn(cluster: rds.DatabaseCluster): string {
  return (cluster.node.defaultChild as rds.CfnDBCluster).attrMasterUserSecretSecretArn
}
