import { Stack } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as cr from 'aws-cdk-lib/custom-resources'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { Construct } from 'constructs'

/**
 * Registers the node group's instances in the ALB's target groups. EKS owns a managed node
 * group's Auto Scaling group and CloudFormation has no resource that attaches target groups to
 * an ASG it didn't create, so two SDK calls do it at deploy time: find the group's ASG
 * (eks:DescribeNodegroup), attach the target groups to it (autoscaling:AttachTrafficSources;
 * detached again when the stack goes). From then on the ASG registers every node it launches.
 */
export class NodeGroupTargets extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { clusterName: string; nodegroupName: string; targetGroupArns: string[] },
  ) {
    super(scope, id)
    const stack = Stack.of(this)
    const { clusterName, nodegroupName } = props
    const nodegroups = stack.formatArn({
      service: 'eks',
      resource: 'nodegroup',
      resourceName: `${clusterName}/${nodegroupName}/*`,
    })
    // EKS names a managed node group's ASG eks-<node group name>-<uuid>.
    const autoScalingGroups = stack.formatArn({
      service: 'autoscaling',
      resource: 'autoScalingGroup',
      resourceName: `*:autoScalingGroupName/eks-${nodegroupName}-*`,
    })
    const describe = new cr.AwsCustomResource(this, 'FindAutoScalingGroup', {
      onUpdate: {
        service: 'EKS',
        action: 'describeNodegroup',
        parameters: { clusterName, nodegroupName },
        physicalResourceId: cr.PhysicalResourceId.of(`${clusterName}/${nodegroupName}`),
        outputPaths: [ASG_NAME_PATH],
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['eks:DescribeNodegroup'],
          resources: [nodegroups],
        }),
      ]),
      installLatestAwsSdk: false,
    })
    const autoScalingGroupName = describe.getResponseField(ASG_NAME_PATH)
    const call = (action: string) => ({
      service: 'AutoScaling',
      action,
      parameters: {
        AutoScalingGroupName: autoScalingGroupName,
        TrafficSources: props.targetGroupArns.map((arn) => ({ Identifier: arn, Type: 'elbv2' })),
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${nodegroupName}-targets`),
    })
    new cr.AwsCustomResource(this, 'AttachTargetGroups', {
      onUpdate: call('attachTrafficSources'),
      onDelete: call('detachTrafficSources'),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['autoscaling:AttachTrafficSources', 'autoscaling:DetachTrafficSources'],
          resources: [autoScalingGroups],
        }),
      ]),
      installLatestAwsSdk: false,
    })
    acknowledge(
      this,
      {
        id: wildcardFinding(this, 'Resource', nodegroups),
        reason:
          'A node group ARN ends in an id EKS assigns; the name before it is this one node group.',
      },
      {
        id: wildcardFinding(this, 'Resource', autoScalingGroups),
        reason:
          'EKS creates the ASG (eks-<node group>-<uuid>); the pattern admits that ASG and no other.',
      },
    )
  }
}

const ASG_NAME_PATH = 'nodegroup.resources.autoScalingGroups.0.name'
