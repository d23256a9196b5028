import * as iam from 'aws-cdk-lib/aws-iam'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { S3_PREFIX as ANALYTICS_PREFIX } from '@hexad/contracts/analytics'
import {
  SERVICE_ACCOUNTS,
  namespaceOf,
  serviceAccountRoleName,
  type Environment,
} from '@hexad/deploy-tools/plan'
import type { ClusterHandle } from './cluster.ts'
import { migrationObjectActions, objectsUnder, prefixListing } from './s3-access.ts'
import { ServiceAccountRole } from './service-account-role.ts'

export interface WorkloadRolesProps {
  env: Environment
  cluster: ClusterHandle
  analyticsBucket: s3.IBucket
  /** Set where migrate-data runs (stg, prd): its bucket and prefix. */
  migration?: { bucket: s3.IBucket; prefix: string }
}

/**
 * The IRSA roles of k8s/<env>/service-accounts.yaml, named as the annotations expect:
 * - analytics-shipper (the fluentd sidecars): PutObject under analytics/ and nothing else —
 *   fluent.conf turns off every bucket and object check, so it never reads or lists;
 * - jobs (aggregate-reports and migrate-data share this ServiceAccount): aggregate-reports lists
 *   and reads analytics/, migrate-data reads and writes its own prefix of the migration bucket;
 * - orphan-shipper (ship-orphans): puts the objects of dead pods' folders under analytics/ and
 *   reads each back (HeadObject needs s3:GetObject) before it deletes the folder; never lists.
 */
export class WorkloadRoles extends Construct {
  readonly analyticsShipper: iam.Role
  readonly jobs: iam.Role
  readonly orphanShipper: iam.Role

  constructor(scope: Construct, id: string, props: WorkloadRolesProps) {
    super(scope, id)
    const { env, cluster, analyticsBucket, migration } = props
    const common = {
      namespace: namespaceOf(env),
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
    }
    const analyticsObjects = objectsUnder(analyticsBucket, ANALYTICS_PREFIX)
    this.analyticsShipper = new ServiceAccountRole(this, 'AnalyticsShipper', {
      ...common,
      serviceAccount: SERVICE_ACCOUNTS.analyticsShipper,
      roleName: serviceAccountRoleName(env, SERVICE_ACCOUNTS.analyticsShipper),
      description: `fluentd sidecars of hexad-${env}: upload analytics objects`,
      statements: [
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [analyticsObjects] }),
      ],
    }).role
    this.orphanShipper = new ServiceAccountRole(this, 'OrphanShipper', {
      ...common,
      serviceAccount: SERVICE_ACCOUNTS.orphanShipper,
      roleName: serviceAccountRoleName(env, SERVICE_ACCOUNTS.orphanShipper),
      description: `ship-orphans of hexad-${env}: upload and verify dead pods' analytics objects`,
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:PutObject', 's3:GetObject'],
          resources: [analyticsObjects],
        }),
      ],
    }).role

    const statements = [
      prefixListing(analyticsBucket, ANALYTICS_PREFIX, 'AggregateReportsLists'),
      new iam.PolicyStatement({
        sid: 'AggregateReportsReads',
        actions: ['s3:GetObject'],
        resources: [analyticsObjects],
      }),
    ]
    if (migration) {
      statements.push(
        prefixListing(migration.bucket, migration.prefix, 'MigrateDataLists'),
        new iam.PolicyStatement({
          sid: 'MigrateDataMovesTables',
          actions: migrationObjectActions('job'),
          resources: [objectsUnder(migration.bucket, migration.prefix)],
        }),
      )
    }
    const prefixes = [
      analyticsObjects,
      ...(migration ? [objectsUnder(migration.bucket, migration.prefix)] : []),
    ]
    acknowledge(
      this,
      ...prefixes.map((objects) => ({
        id: wildcardFinding(this, 'Resource', objects),
        reason:
          'Objects under one prefix: fluentd and migrate-data make a new key per hour, pod and run.',
      })),
    )
    this.jobs = new ServiceAccountRole(this, 'Jobs', {
      ...common,
      serviceAccount: SERVICE_ACCOUNTS.jobs,
      roleName: serviceAccountRoleName(env, SERVICE_ACCOUNTS.jobs),
      description: `jobs of hexad-${env}: aggregate-reports${migration ? ' and migrate-data' : ''}`,
      statements,
    }).role
  }
}
