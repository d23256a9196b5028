import * as ec2 from 'aws-cdk-lib/aws-ec2'
import * as eks from 'aws-cdk-lib/aws-eks-v2'
import * as iam from 'aws-cdk-lib/aws-iam'
import { acknowledge } from '../nag.ts'
import { Construct } from 'constructs'
import type { ClusterConfig, SharedConfig } from '../config/schema.ts'

/**
 * What the environment stacks need of the cluster, whether it was created here or not. Names
 * come from the config (not from the cluster resource), so IAM ARNs that contain them are
 * plain strings in every stack.
 */
export interface ClusterHandle {
  clusterName: string
  /** The managed node group whose instances the ALBs target. */
  nodegroupName: string
  /** The security group on those instances, opened to each ALB on its NodePorts. */
  nodeSecurityGroupId: string
  /** IRSA: the IAM OIDC provider and its issuer (host/path, no scheme). */
  oidcProviderArn: string
  oidcIssuer: string
}

const ACCESS_POLICIES: Record<SharedConfig['clusterAccess'][number]['access'], string> = {
  'cluster-admin': 'AmazonEKSClusterAdminPolicy',
  view: 'AmazonEKSViewPolicy',
}

/**
 * The EKS cluster the three environments share (one namespace each). Created: API
 * authentication (access entries, never aws-auth), a managed node group in the private subnets
 * of every AZ, all control plane logs. Existing: imported by name, with the ids the config gives.
 * Either way people get in through access entries, which are plain CloudFormation (no kubectl
 * handler Lambda).
 */
export class Cluster extends Construct {
  readonly handle: ClusterHandle
  readonly cluster: eks.ICluster

  constructor(
    scope: Construct,
    id: string,
    props: { config: ClusterConfig; vpc: ec2.IVpc; access: SharedConfig['clusterAccess'] },
  ) {
    super(scope, id)
    const { config, vpc } = props
    const { cluster, handle } =
      config.mode === 'create' ? this.create(config, vpc) : this.import(config, vpc)
    this.cluster = cluster
    this.handle = handle
    for (const [index, entry] of props.access.entries()) {
      new eks.AccessEntry(this, `Access${index}`, {
        cluster,
        principal: entry.principalArn,
        accessPolicies: [
          eks.AccessPolicy.fromAccessPolicyName(ACCESS_POLICIES[entry.access], {
            accessScopeType: eks.AccessScopeType.CLUSTER,
          }),
        ],
      })
    }
  }

  private create(config: Extract<ClusterConfig, { mode: 'create' }>, vpc: ec2.IVpc) {
    const cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: config.name,
      version: eks.KubernetesVersion.of(config.kubernetesVersion),
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...config.publicEndpointCidrs),
      // Whoever runs `cdk deploy` gets no standing admin: access comes from clusterAccess only.
      bootstrapClusterCreatorAdminPermissions: false,
      clusterLogging: [
        eks.ClusterLoggingTypes.API,
        eks.ClusterLoggingTypes.AUDIT,
        eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
        eks.ClusterLoggingTypes.SCHEDULER,
      ],
    })
    const nodes = cluster.addNodegroupCapacity('Nodes', {
      nodegroupName: config.nodeGroup.name,
      instanceTypes: config.nodeGroup.instanceTypes.map((type) => new ec2.InstanceType(type)),
      minSize: config.nodeGroup.minSize,
      desiredSize: config.nodeGroup.desiredSize,
      maxSize: config.nodeGroup.maxSize,
      diskSize: config.nodeGroup.diskSizeGiB,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    })
    acknowledge(
      cluster,
      {
        id: 'AwsSolutions-EKS1',
        reason:
          'CodeBuild and people run kubectl from outside the VPC; the public endpoint is limited to cluster.publicEndpointCidrs and every call is authenticated by IAM.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]',
        reason:
          'The EKS service role needs AmazonEKSClusterPolicy, which AWS maintains as EKS gains features; a copy would fall behind.',
      },
    )
    acknowledge(
      nodes,
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSWorkerNodePolicy]',
        reason:
          'Worker nodes need the AWS-maintained node, CNI and ECR read policies that EKS documents for managed node groups.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKS_CNI_Policy]',
        reason:
          'Worker nodes need the AWS-maintained node, CNI and ECR read policies that EKS documents for managed node groups.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly]',
        reason:
          'Worker nodes need the AWS-maintained node, CNI and ECR read policies that EKS documents for managed node groups.',
      },
    )
    const provider = cluster.openIdConnectProvider
    const handle: ClusterHandle = {
      clusterName: config.name,
      nodegroupName: config.nodeGroup.name,
      nodeSecurityGroupId: cluster.clusterSecurityGroupId,
      oidcProviderArn: provider.openIdConnectProviderArn,
      oidcIssuer: provider.openIdConnectProviderIssuer,
    }
    return { cluster, handle }
  }

  private import(config: Extract<ClusterConfig, { mode: 'existing' }>, vpc: ec2.IVpc) {
    const provider = iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
      this,
      'OidcProvider',
      config.oidcProviderArn,
    )
    const cluster = eks.Cluster.fromClusterAttributes(this, 'Cluster', {
      clusterName: config.name,
      vpc,
      openIdConnectProvider: provider,
    })
    const handle: ClusterHandle = {
      clusterName: config.name,
      nodegroupName: config.nodegroupName,
      nodeSecurityGroupId: config.nodeSecurityGroupId,
      oidcProviderArn: config.oidcProviderArn,
      oidcIssuer: config.oidcIssuer,
    }
    return { cluster, handle }
  }
}
