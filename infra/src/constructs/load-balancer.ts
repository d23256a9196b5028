import { Duration } from 'aws-cdk-lib'
import * as acm from 'aws-cdk-lib/aws-certificatemanager'
import * as ec2 from 'aws-cdk-lib/aws-ec2'
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { acknowledge } from '../nag.ts'
import { Construct } from 'constructs'
import type { EnvironmentConfig } from '../config/schema.ts'
import {
  ALB_DEREGISTRATION_DELAY_SECONDS,
  HEALTH_PATHS,
  SERVED_APPS,
  SITES,
  UNKNOWN_HOST_RESPONSE,
  nodePortOf,
  type Environment,
  type ServedApp,
  type SiteName,
} from '@hexad/deploy-tools/plan'
import type { ClusterHandle } from './cluster.ts'
import { NodeGroupTargets } from './node-group-targets.ts'

export interface LoadBalancerProps {
  env: Environment
  config: EnvironmentConfig
  vpc: ec2.IVpc
  cluster: ClusterHandle
  accessLogs: s3.IBucket
}

/**
 * One environment's ALB, wholly on the AWS side: HTTPS with the ACM certificate (HTTP only
 * redirects), host and path rules to one target group per app, each target group the node
 * group's instances on the app's fixed NodePort, health-checked on /readyz, draining within the
 * pods' preStop sleep. The nodes accept those ports from this ALB's security group only.
 */
export class LoadBalancer extends Construct {
  readonly alb: elbv2.ApplicationLoadBalancer
  readonly targetGroups: Record<ServedApp, elbv2.ApplicationTargetGroup>

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id)
    const { env, config, vpc, cluster } = props
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `hexad ${env} ALB: HTTPS from anywhere, NodePorts to the nodes`,
      allowAllOutbound: false,
    })
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS')
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS')
    acknowledge(securityGroup, {
      id: 'AwsSolutions-EC23',
      reason: 'A public website: the console and the ad tag are loaded by any browser.',
    })
    const nodes = ec2.SecurityGroup.fromSecurityGroupId(
      this,
      'Nodes',
      cluster.nodeSecurityGroupId,
      {
        mutable: false,
      },
    )

    this.alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      loadBalancerName: `hexad-${env}`,
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup,
      dropInvalidHeaderFields: true,
      idleTimeout: Duration.seconds(60),
    })
    this.alb.logAccessLogs(props.accessLogs, `alb/${env}`)

    this.targetGroups = Object.fromEntries(
      SERVED_APPS.map((app) => {
        const port = nodePortOf(env, app)
        // Only this ALB reaches the NodePort, on the nodes' group (not the other way round).
        new ec2.CfnSecurityGroupIngress(this, `NodePort${port}`, {
          groupId: cluster.nodeSecurityGroupId,
          sourceSecurityGroupId: securityGroup.securityGroupId,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          description: `hexad ${env} ALB to ${app}`,
        })
        securityGroup.addEgressRule(nodes, ec2.Port.tcp(port), `${app} NodePort`)
        const targetGroup = new elbv2.ApplicationTargetGroup(this, `${app}Targets`, {
          targetGroupName: `hexad-${env}-${app}`,
          vpc,
          targetType: elbv2.TargetType.INSTANCE,
          protocol: elbv2.ApplicationProtocol.HTTP,
          port,
          deregistrationDelay: Duration.seconds(ALB_DEREGISTRATION_DELAY_SECONDS),
          healthCheck: {
            path: HEALTH_PATHS.readiness,
            healthyHttpCodes: '200',
            interval: Duration.seconds(10),
            timeout: Duration.seconds(5),
            healthyThresholdCount: 2,
            unhealthyThresholdCount: 2,
          },
        })
        return [app, targetGroup]
      }),
    ) as Record<ServedApp, elbv2.ApplicationTargetGroup>

    this.alb.addListener('Http', {
      port: 80,
      defaultAction: elbv2.ListenerAction.redirect({
        protocol: 'HTTPS',
        port: '443',
        permanent: true,
      }),
    })
    const https = this.alb.addListener('Https', {
      port: 443,
      certificates: [
        acm.Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
      ],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      // A host the rules don't know is not ours.
      defaultAction: elbv2.ListenerAction.fixedResponse(UNKNOWN_HOST_RESPONSE.status, {
        contentType: UNKNOWN_HOST_RESPONSE.contentType,
        messageBody: UNKNOWN_HOST_RESPONSE.body,
      }),
    })
    let priority = 10
    for (const [site, route] of Object.entries(SITES)) {
      const host = config.hosts[site as SiteName]
      for (const [app, paths] of Object.entries(route.paths)) {
        https.addTargetGroups(`${app}Paths`, {
          priority: priority++,
          conditions: [
            elbv2.ListenerCondition.hostHeaders([host]),
            elbv2.ListenerCondition.pathPatterns([...paths]),
          ],
          targetGroups: [this.targetGroups[app as ServedApp]],
        })
      }
      https.addTargetGroups(`${route.default}Host`, {
        priority: priority++,
        conditions: [elbv2.ListenerCondition.hostHeaders([host])],
        targetGroups: [this.targetGroups[route.default]],
      })
      priority = Math.ceil(priority / 10) * 10
    }

    // Attach once the target groups are in the listener's rules: registered targets then start
    // their health checks at once.
    const targets = new NodeGroupTargets(this, 'NodeGroupTargets', {
      clusterName: cluster.clusterName,
      nodegroupName: cluster.nodegroupName,
      targetGroupArns: SERVED_APPS.map((app) => this.targetGroups[app].targetGroupArn),
    })
    targets.node.addDependency(https)
  }
}
