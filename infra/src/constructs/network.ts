import * as ec2 from 'aws-cdk-lib/aws-ec2'
import * as logs from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import type { NetworkConfig } from '../config/schema.ts'

/**
 * The VPC everything runs in: created over three AZs (public subnets for the ALBs, private ones
 * with NAT egress for nodes and Aurora, an S3 gateway endpoint so fluentd, the jobs and Aurora
 * reach S3 without NAT, flow logs for the record), or imported by id without any lookup.
 */
export class Network extends Construct {
  readonly vpc: ec2.IVpc

  constructor(scope: Construct, id: string, config: NetworkConfig) {
    super(scope, id)
    if (config.mode === 'existing') {
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: config.vpcId,
        availabilityZones: config.availabilityZones,
        publicSubnetIds: config.publicSubnetIds,
        privateSubnetIds: config.privateSubnetIds,
      })
      return
    }
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(config.cidr),
      availabilityZones: config.availabilityZones,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 22 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    })
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
      ),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    })
    this.vpc = vpc
  }
}
