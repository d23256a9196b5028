import { Match, type Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { S3_PREFIX as ANALYTICS_PREFIX } from '@hexad/contracts/analytics'
import {
  ALB_DEREGISTRATION_DELAY_SECONDS,
  ENVIRONMENTS,
  HEALTH_PATHS,
  SERVED_APPS,
  nodePortOf,
  type Environment,
} from '@hexad/deploy-tools/plan'
import { synthesized, type Synthesized } from '../testing/synthesized.ts'

type Resource = { Properties: Record<string, unknown> } & Record<string, unknown>

let app: Synthesized
beforeAll(() => {
  app = synthesized()
})

function template(env: Environment): Template {
  return app.templates[`hexad-${env}`]!
}
function resources(env: Environment, type: string): Resource[] {
  return Object.values(template(env).findResources(type)) as Resource[]
}
/** The logical id of the only resource of a type matching props. */
function logicalId(env: Environment, type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(
    template(env).findResources(type, { Properties: Match.objectLike(props) }),
  )
  expect(ids, `${type} ${JSON.stringify(props)}`).toHaveLength(1)
  return ids[0]!
}
function statementsOf(
  role: Resource,
): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: [] } }[]
  return policies.flatMap((p) => p.PolicyDocument.Statement)
}
function roleNamed(env: Environment, name: string): Resource {
  const role = resources(env, 'AWS::IAM::Role').find((r) => r.Properties.RoleName === name)
  expect(role, name).toBeDefined()
  return role!
}

describe.each(ENVIRONMENTS)('hexad-%s', (env) => {
  it('has one target group per app on its NodePort, checked on the readiness path, draining as the manifests say', () => {
    const groups = resources(env, 'AWS::ElasticLoadBalancingV2::TargetGroup')
    expect(groups).toHaveLength(SERVED_APPS.length)
    for (const app of SERVED_APPS) {
      const group = groups.find((g) => g.Properties.Name === `hexad-${env}-${app}`)
      expect(group?.Properties, app).toMatchObject({
        Port: nodePortOf(env, app),
        Protocol: 'HTTP',
        TargetType: 'instance',
        HealthCheckPath: HEALTH_PATHS.readiness,
        TargetGroupAttributes: expect.arrayContaining([
          {
            Key: 'deregistration_delay.timeout_seconds',
            Value: String(ALB_DEREGISTRATION_DELAY_SECONDS),
          },
        ]),
      })
    }
  })

  it('routes /api/* of the console host to console-api, /v1/* of the ads host to ad-api, the rest to the sites', () => {
    const { hosts } = app.config.environments[env]
    const group = (app: string) => ({
      Ref: logicalId(env, 'AWS::ElasticLoadBalancingV2::TargetGroup', {
        Name: `hexad-${env}-${app}`,
      }),
    })
    const rules = resources(env, 'AWS::ElasticLoadBalancingV2::ListenerRule')
      .map((r) => r.Properties)
      .sort((a, b) => (a.Priority as number) - (b.Priority as number))
    const route = (host: string, path: string | undefined, app: string) => ({
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: [host] } },
        ...(path ? [{ Field: 'path-pattern', PathPatternConfig: { Values: [path] } }] : []),
      ],
      Actions: [{ Type: 'forward', TargetGroupArn: group(app) }],
    })
    expect(rules).toMatchObject([
      route(hosts.console, '/api/*', 'console-api'),
      route(hosts.console, undefined, 'console'),
      route(hosts.ads, '/v1/*', 'ad-api'),
      route(hosts.ads, undefined, 'ad-tag'),
    ])
  })

  it('serves HTTPS with the configured certificate and only redirects HTTP', () => {
    template(env).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: app.config.environments[env].certificateArn }],
    })
    template(env).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        Match.objectLike({
          Type: 'redirect',
          RedirectConfig: Match.objectLike({ Protocol: 'HTTPS' }),
        }),
      ],
    })
  })

  it("opens the nodes' NodePorts to this ALB's security group only", () => {
    const albGroup = template(env).findResources(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    ) as Record<string, Resource>
    const [alb] = Object.values(albGroup)
    const albSecurityGroup = (alb!.Properties.SecurityGroups as unknown[])[0]
    const nodePorts = resources(env, 'AWS::EC2::SecurityGroupIngress').filter(
      (r) => (r.Properties.FromPort as number) >= 30000,
    )
    expect(nodePorts.map((r) => r.Properties.FromPort).sort()).toEqual(
      SERVED_APPS.map((app) => nodePortOf(env, app)).sort(),
    )
    for (const rule of nodePorts) {
      expect(rule.Properties).toMatchObject({ ToPort: rule.Properties.FromPort, IpProtocol: 'tcp' })
      expect(rule.Properties.SourceSecurityGroupId).toEqual(albSecurityGroup)
      expect(rule.Properties.CidrIp).toBeUndefined()
    }
  })

  it('attaches the target groups to the node group (no manual registration)', () => {
    const [attach] = resources(env, 'Custom::AWS').filter((r) =>
      JSON.stringify(r.Properties.Create).includes('attachTrafficSources'),
    )
    const create = JSON.stringify(attach?.Properties.Create)
    for (const app of SERVED_APPS) {
      expect(create).toContain(
        logicalId(env, 'AWS::ElasticLoadBalancingV2::TargetGroup', { Name: `hexad-${env}-${app}` }),
      )
    }
    expect(JSON.stringify(attach?.Properties.Delete)).toContain('detachTrafficSources')
  })

  it('lets fluentd only put objects under analytics/', () => {
    const statements = statementsOf(roleNamed(env, `hexad-${env}-analytics-shipper`))
    expect(statements).toHaveLength(1)
    expect(statements[0]).toMatchObject({ Action: 's3:PutObject' })
    expect(JSON.stringify(statements[0]!.Resource)).toContain(`/${ANALYTICS_PREFIX}*`)
  })

  it('lets ship-orphans put and read back objects under analytics/, nothing else', () => {
    const statements = statementsOf(roleNamed(env, `hexad-${env}-orphan-shipper`))
    expect(statements).toHaveLength(1)
    expect(statements[0]).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject'] })
    expect(JSON.stringify(statements[0]!.Resource)).toContain(`/${ANALYTICS_PREFIX}*`)
  })

  it('trusts only the ServiceAccount of this namespace', () => {
    for (const account of ['analytics-shipper', 'jobs', 'orphan-shipper']) {
      const trust = JSON.stringify(
        roleNamed(env, `hexad-${env}-${account}`).Properties.AssumeRolePolicyDocument,
      )
      expect(trust).toContain('sts:AssumeRoleWithWebIdentity')
      // The created cluster's issuer is resolved at deploy time (CfnJson): the claim names it.
      const claims = JSON.stringify(
        Object.values(template(env).findResources('Custom::AWSCDKCfnJson')).map(
          (r) => r.Properties,
        ),
      )
      expect(claims).toContain(`system:serviceaccount:hexad-${env}:${account}`)
    }
  })

  it('lets the jobs read analytics/ and, where migrate-data runs, move tables under its prefix only', () => {
    const text = JSON.stringify(statementsOf(roleNamed(env, `hexad-${env}-jobs`)))
    expect(text).toContain(`"s3:prefix":["${ANALYTICS_PREFIX}*"]`)
    const { migration } = app.config.shared
    const migrates = app.config.environments[env].database.migration !== 'none'
    expect(text.includes(`arn:aws:s3:::${migration.bucketName}/${migration.prefix}*`)).toBe(
      migrates,
    )
    expect(text).not.toContain('s3:DeleteObject')
  })

  it('gives the Aurora cluster what its part in migrate-data needs', () => {
    const { migration } = app.config.environments[env].database
    const parameters = resources(env, 'AWS::RDS::DBClusterParameterGroup')[0]!.Properties
      .Parameters as Record<string, unknown>
    expect(parameters.local_infile === '1').toBe(migration === 'target')
    expect('aws_default_s3_role' in parameters).toBe(migration !== 'none')
    const auroraRole = resources(env, 'AWS::IAM::Role').find(
      (r) => r.Properties.RoleName === `hexad-${env}-aurora-s3`,
    )
    expect(Boolean(auroraRole)).toBe(migration !== 'none')
    const cluster = resources(env, 'AWS::RDS::DBCluster')[0]!.Properties
    expect(cluster).toMatchObject({
      Engine: 'aurora-mysql',
      StorageEncrypted: true,
      ManageMasterUserPassword: true,
    })
    expect(Boolean(cluster.AssociatedRoles)).toBe(migration !== 'none')
  })

  it('runs k8s/buildspec.yml for this branch, allowed to edit its own namespace only', () => {
    template(env).hasResourceProperties('AWS::CodeBuild::Project', {
      Source: Match.objectLike({ BuildSpec: 'k8s/buildspec.yml' }),
      Environment: Match.objectLike({
        EnvironmentVariables: Match.arrayWith([
          Match.objectLike({ Name: 'ENV', Value: env }),
          Match.objectLike({ Name: 'EKS_CLUSTER', Value: 'hexad' }),
        ]),
      }),
    })
    template(env).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([
        Match.objectLike({
          Actions: [Match.objectLike({ Configuration: Match.objectLike({ BranchName: env }) })],
        }),
      ]),
    })
    const [entry] = resources(env, 'AWS::EKS::AccessEntry')
    expect(entry?.Properties.AccessPolicies).toMatchObject([
      { AccessScope: { Type: 'namespace', Namespaces: [`hexad-${env}`] } },
    ])
    expect(JSON.stringify(entry?.Properties.AccessPolicies)).toContain(
      ':eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
    )
  })

  it('outputs the values k8s/<env>/config.yaml must agree with', () => {
    const { hosts } = app.config.environments[env]
    const outputs = template(env).toJSON().Outputs as Record<string, { Value: unknown }>
    expect(outputs.AdApiPublicBaseUrl?.Value).toBe(`https://${hosts.ads}`)
    expect(outputs.AdTagApiOrigin?.Value).toBe(`https://${hosts.ads}`)
    expect(outputs.AnalyticsBucketName).toBeDefined()
  })
})
