import { beforeAll, describe, expect, it } from 'vitest'
import { EXISTING_CLUSTER, existingClusterConfig } from '../testing/existing-cluster.ts'
import { synthesized, type Synthesized } from '../testing/synthesized.ts'

type Resource = { Properties: Record<string, unknown> }

describe('hexad-cluster, creating the VPC and cluster', () => {
  let app: Synthesized
  beforeAll(() => {
    app = synthesized()
  })
  const resources = (type: string) =>
    Object.values(app.templates['hexad-cluster']!.findResources(type)) as Resource[]

  it('spreads private subnets for the nodes over three AZs, with a managed node group in them', () => {
    const subnets = resources('AWS::EC2::Subnet')
    const zones = new Set(subnets.map((s) => s.Properties.AvailabilityZone))
    expect(zones.size).toBe(3)
    const [nodes] = resources('AWS::EKS::Nodegroup')
    expect((nodes!.Properties.Subnets as unknown[]).length).toBe(3)
    expect(JSON.stringify(nodes!.Properties.Subnets)).not.toContain('public')
  })

  it('authenticates with access entries only (no aws-auth), for the people configured', () => {
    const [cluster] = resources('AWS::EKS::Cluster')
    expect(cluster!.Properties.AccessConfig).toEqual({
      AuthenticationMode: 'API',
      BootstrapClusterCreatorAdminPermissions: false,
    })
    const principals = resources('AWS::EKS::AccessEntry').map((e) => e.Properties.PrincipalArn)
    expect(principals).toEqual(app.config.shared.clusterAccess.map((a) => a.principalArn))
  })

  it('keeps analytics on an encrypted EFS with a mount target per AZ and the CSI driver role', () => {
    const [fileSystem] = resources('AWS::EFS::FileSystem')
    expect(fileSystem!.Properties.Encrypted).toBe(true)
    expect(resources('AWS::EFS::MountTarget')).toHaveLength(3)
    expect(resources('AWS::EFS::AccessPoint')[0]!.Properties.RootDirectory).toMatchObject({
      Path: '/hexad',
    })
    const addon = resources('AWS::EKS::Addon')[0]!.Properties
    expect(addon.AddonName).toBe('aws-efs-csi-driver')
    const claims = JSON.stringify(resources('Custom::AWSCDKCfnJson').map((r) => r.Properties))
    expect(claims).toContain('system:serviceaccount:kube-system:efs-csi-controller-sa')
    const outputs = app.templates['hexad-cluster']!.toJSON().Outputs as Record<
      string,
      { Value: unknown }
    >
    expect(outputs.EfsFileSystemId?.Value).toEqual({ Ref: expect.stringMatching(/FileSystem/) })
  })
})

describe('hexad-cluster on an existing VPC and cluster', () => {
  let app: Synthesized
  beforeAll(() => {
    app = synthesized(existingClusterConfig())
  })

  it('creates no VPC, cluster or node group, and uses the configured ids instead', () => {
    const cluster = app.templates['hexad-cluster']!
    for (const type of [
      'AWS::EC2::VPC',
      'AWS::EKS::Cluster',
      'AWS::EKS::Nodegroup',
      'AWS::EKS::Addon',
    ]) {
      expect(Object.keys(cluster.findResources(type)), type).toEqual([])
    }
    const [efsGroup] = Object.values(cluster.findResources('AWS::EC2::SecurityGroup')) as Resource[]
    expect(efsGroup!.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({
        FromPort: 2049,
        SourceSecurityGroupId: EXISTING_CLUSTER.nodeSecurityGroupId,
      }),
    ])

    const dev = app.templates['hexad-dev']!
    // The describe call has no token in it: its Create is a plain JSON string.
    const calls = (Object.values(dev.findResources('Custom::AWS')) as Resource[])
      .map((r) => r.Properties.Create)
      .filter((create): create is string => typeof create === 'string')
      .map((create) => JSON.parse(create) as { action: string; parameters: Record<string, string> })
    expect(calls.find((c) => c.action === 'describeNodegroup')?.parameters).toEqual({
      clusterName: EXISTING_CLUSTER.name,
      nodegroupName: EXISTING_CLUSTER.nodegroupName,
    })
    // IRSA conditions are plain JSON when the issuer is known: no deploy-time CfnJson.
    expect(Object.keys(dev.findResources('Custom::AWSCDKCfnJson'))).toEqual([])
    const jobs = (Object.values(dev.findResources('AWS::IAM::Role')) as Resource[]).find(
      (r) => r.Properties.RoleName === 'hexad-dev-jobs',
    )
    expect(jobs?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Condition: {
            StringEquals: {
              [`${EXISTING_CLUSTER.oidcIssuer}:aud`]: 'sts.amazonaws.com',
              [`${EXISTING_CLUSTER.oidcIssuer}:sub`]: 'system:serviceaccount:hexad-dev:jobs',
            },
          },
          Principal: { Federated: EXISTING_CLUSTER.oidcProviderArn },
        },
      ],
    })
  })
})
