import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as ec2 from 'aws-cdk-lib/aws-ec2'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as rds from 'aws-cdk-lib/aws-rds'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { Construct } from 'constructs'
import type { EnvironmentConfig } from '../config/schema.ts'
import type { Environment } from '@hexad/deploy-tools/plan'
import type { ClusterHandle } from './cluster.ts'
import { migrationObjectActions, objectsUnder, prefixListing } from './s3-access.ts'

/** The database the services' DATABASE_URLs name (`mysql://…@<endpoint>:3306/hexad`). */
export const DATABASE_NAME = 'hexad'

const LOG_EXPORTS = ['audit', 'error', 'general', 'slowquery'] as const

export interface DatabaseProps {
  env: Environment
  config: EnvironmentConfig['database']
  vpc: ec2.IVpc
  cluster: ClusterHandle
  /** The bucket and prefix migrate-data carries prd's tables through. */
  migration: { bucket: s3.IBucket; prefix: string }
}

/**
 * One environment's Aurora MySQL 3 cluster, Serverless v2 (dev can pause at 0 ACU), in the
 * private subnets, reachable on 3306 from the cluster nodes only. The admin password is
 * generated and rotated by RDS itself in Secrets Manager; the apps use their own users.
 *
 * migrate-data: the source (prd) may `SELECT … INTO OUTFILE S3` into the migration prefix,
 * the target (stg) may `LOAD DATA FROM S3` from it, and accepts `LOAD DATA LOCAL INFILE`
 * (stream mode) through `local_infile`. The role goes into `aws_default_s3_role`.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id)
    const { env, config } = props
    const engine = rds.DatabaseClusterEngine.auroraMysql({
      version: rds.AuroraMysqlEngineVersion.of(config.engineVersion, '8.0'),
    })
    const parameterGroup = new rds.ParameterGroup(this, 'ClusterParameters', {
      engine,
      description: `hexad ${env}: audit log, migrate-data settings`,
      parameters: {
        // What the audit log export carries: who connected, and every schema or grant change.
        server_audit_logging: '1',
        server_audit_events: 'CONNECT,QUERY_DDL,QUERY_DCL',
        ...(config.migration === 'target' ? { local_infile: '1' } : {}),
      },
    })
    // RDS would create its log groups without a retention; made here first, they have one
    // (and no log-retention Lambda is needed).
    const logGroups = LOG_EXPORTS.map(
      (type) =>
        new logs.LogGroup(this, `${type}Logs`, {
          logGroupName: `/aws/rds/cluster/hexad-${env}/${type}`,
          retention: logs.RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    )
    const s3Role = config.migration === 'none' ? undefined : this.s3Role(props)
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      clusterIdentifier: `hexad-${env}`,
      engine,
      parameterGroup,
      writer: rds.ClusterInstance.serverlessV2('writer'),
      readers: Array.from({ length: config.readers }, (_, index) =>
        rds.ClusterInstance.serverlessV2(`reader${index + 1}`, { scaleWithWriter: true }),
      ),
      serverlessV2MinCapacity: config.minCapacity,
      serverlessV2MaxCapacity: config.maxCapacity,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      defaultDatabaseName: DATABASE_NAME,
      manageMasterUserPassword: true,
      storageEncrypted: true,
      iamAuthentication: true,
      backup: { retention: Duration.days(config.backupRetentionDays) },
      deletionProtection: config.deletionProtection,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      cloudwatchLogsExports: [...LOG_EXPORTS],
      ...(config.migration === 'source' ? { s3ExportRole: s3Role } : {}),
      ...(config.migration === 'target' ? { s3ImportRole: s3Role } : {}),
    })
    for (const logGroup of logGroups) this.cluster.node.addDependency(logGroup)
    this.cluster.connections.allowDefaultPortFrom(
      ec2.Peer.securityGroupId(props.cluster.nodeSecurityGroupId),
      'MySQL from the cluster nodes',
    )
    acknowledge(
      this.cluster,
      {
        id: 'AwsSolutions-RDS11',
        reason:
          'Every DATABASE_URL and tool assumes 3306; a different port hides nothing from a scan of a private subnet that only the nodes reach.',
      },
      {
        id: 'AwsSolutions-RDS14',
        reason:
          'Backtrack is not available for Aurora Serverless v2; point-in-time restore covers it.',
      },
    )
    if (!config.deletionProtection) {
      acknowledge(this.cluster, {
        id: 'AwsSolutions-RDS10',
        reason: `${env} is rebuilt from migrations and seed data; deleting it must stay a one-command job.`,
      })
    }
  }

  /** Aurora's own access to the migration prefix, exactly the actions its S3 feature needs. */
  private s3Role({ env, config, migration }: DatabaseProps): iam.Role {
    const role = new iam.Role(this, 'S3Role', {
      roleName: `hexad-${env}-aurora-s3`,
      description: `Aurora ${env}: ${config.migration === 'source' ? 'SELECT INTO OUTFILE S3' : 'LOAD DATA FROM S3'} under the migration prefix`,
      assumedBy: new iam.ServicePrincipal('rds.amazonaws.com'),
    })
    const objects = objectsUnder(migration.bucket, migration.prefix)
    role.addToPolicy(prefixListing(migration.bucket, migration.prefix))
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: migrationObjectActions(
          config.migration === 'source' ? 'aurora-export' : 'aurora-import',
        ),
        resources: [objects],
      }),
    )
    acknowledge(role, {
      id: wildcardFinding(role, 'Resource', objects),
      reason: 'Aurora writes and reads a file per table and part under the migration prefix.',
    })
    return role
  }
}
