import { RemovalPolicy, Stack } from 'aws-cdk-lib'
import * as ec2 from 'aws-cdk-lib/aws-ec2'
import * as efs from 'aws-cdk-lib/aws-efs'
import * as eks from 'aws-cdk-lib/aws-eks-v2'
import * as iam from 'aws-cdk-lib/aws-iam'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { Construct } from 'constructs'
import type { ClusterHandle } from './cluster.ts'
import { ServiceAccountRole } from './service-account-role.ts'

/** uid/gid of the node user in the service images (k8s/cluster/storage-class.yaml). */
const APP_UID = '1000'
/** The StorageClass's basePath: every claim's access point is created under it. */
export const EFS_BASE_PATH = '/hexad'
/** The tag the CSI driver puts on (and requires of) the access points it manages. */
const CSI_TAG = 'efs.csi.aws.com/cluster'

/**
 * The analytics volume's file system: one per cluster (the StorageClass is cluster-wide), a
 * mount target in every AZ the nodes run in, reachable on NFS from the nodes only, TLS required.
 * The EFS CSI driver creates an access point per claim under /hexad; its controller's IRSA role
 * may create and delete only tagged access points of this file system.
 */
export class AnalyticsFileSystem extends Construct {
  readonly fileSystem: efs.FileSystem
  readonly accessPoint: efs.AccessPoint
  readonly csiDriverRole: iam.Role

  constructor(
    scope: Construct,
    id: string,
    props: { vpc: ec2.IVpc; cluster: ClusterHandle; installCsiDriver: boolean },
  ) {
    super(scope, id)
    this.fileSystem = new efs.FileSystem(this, 'FileSystem', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      encrypted: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      // Appends from many pods are small and bursty; elastic throughput bills what is used.
      throughputMode: efs.ThroughputMode.ELASTIC,
      enableAutomaticBackups: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The CSI driver mounts without IAM (mountOptions: tls), as an anonymous NFS client: allow
      // that through a mount target only, and refuse any mount without TLS.
      allowAnonymousAccess: true,
      fileSystemPolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            effect: iam.Effect.ALLOW,
            principals: [new iam.AnyPrincipal()],
            actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
            conditions: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
          }),
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: [
              'elasticfilesystem:ClientMount',
              'elasticfilesystem:ClientWrite',
              'elasticfilesystem:ClientRootAccess',
            ],
            conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      }),
    })
    this.fileSystem.connections.allowDefaultPortFrom(
      ec2.Peer.securityGroupId(props.cluster.nodeSecurityGroupId),
      'NFS from the cluster nodes',
    )

    // For people and recovery tools (e.g. shipping the folder of a pod that died before its
    // sidecar did): the whole /hexad tree as the app's uid, never as root.
    this.accessPoint = this.fileSystem.addAccessPoint('Operators', {
      path: EFS_BASE_PATH,
      createAcl: { ownerUid: APP_UID, ownerGid: APP_UID, permissions: '750' },
      posixUser: { uid: APP_UID, gid: APP_UID },
    })

    const stack = Stack.of(this)
    const accessPoints = stack.formatArn({
      service: 'elasticfilesystem',
      resource: 'access-point',
      resourceName: '*',
    })
    this.csiDriverRole = new ServiceAccountRole(this, 'CsiDriver', {
      roleName: `${props.cluster.clusterName}-efs-csi-driver`,
      description: 'EFS CSI controller: manages the access points of the analytics file system',
      namespace: 'kube-system',
      serviceAccount: 'efs-csi-controller-sa',
      oidcProviderArn: props.cluster.oidcProviderArn,
      oidcIssuer: props.cluster.oidcIssuer,
      statements: [
        new iam.PolicyStatement({
          actions: [
            'elasticfilesystem:DescribeAccessPoints',
            'elasticfilesystem:DescribeFileSystems',
            'elasticfilesystem:DescribeMountTargets',
            'ec2:DescribeAvailabilityZones',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          actions: ['elasticfilesystem:CreateAccessPoint', 'elasticfilesystem:TagResource'],
          resources: [this.fileSystem.fileSystemArn, accessPoints],
          conditions: { StringLike: { [`aws:RequestTag/${CSI_TAG}`]: 'true' } },
        }),
        new iam.PolicyStatement({
          actions: ['elasticfilesystem:DeleteAccessPoint'],
          resources: [accessPoints],
          conditions: { StringEquals: { [`aws:ResourceTag/${CSI_TAG}`]: 'true' } },
        }),
      ],
    }).role
    acknowledge(
      this.csiDriverRole,
      {
        id: wildcardFinding(this, 'Resource', '*'),
        reason:
          'The Describe calls and ec2:DescribeAvailabilityZones take no resource: read-only metadata.',
      },
      {
        id: wildcardFinding(this, 'Resource', accessPoints),
        reason:
          'EFS picks access point ids; the CSI tag condition limits the role to the ones it made.',
      },
    )

    if (props.installCsiDriver) {
      new eks.CfnAddon(this, 'CsiDriverAddon', {
        clusterName: props.cluster.clusterName,
        addonName: 'aws-efs-csi-driver',
        serviceAccountRoleArn: this.csiDriverRole.roleArn,
        resolveConflicts: 'OVERWRITE',
      })
    }
  }
}
