// cdk-nag 3 checks through CDK's policy validation: a finding is acknowledged on a construct (or
// any construct above it) with Validations.of(…).acknowledge, one id per finding (a rule with
// several findings on one resource, like IAM5, is acknowledged as `AwsSolutions-IAM5[<finding>]`).
// cdk-nag is CommonJS whose exports Node's ESM loader can't name statically: take them here.
import { Stack, Validations } from 'aws-cdk-lib'
import cdkNag from 'cdk-nag'
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js'
import type { IConstruct } from 'constructs'

export const { AwsSolutionsChecks } = cdkNag

export interface Acknowledgement {
  id: string
  /** Why the finding does not apply here: read by whoever reviews the stack. */
  reason: string
}

export function acknowledge(scope: IConstruct, ...acknowledgements: Acknowledgement[]): void {
  for (const acknowledgement of acknowledgements) Validations.of(scope).acknowledge(acknowledgement)
}

/**
 * The id cdk-nag gives a wildcard in an IAM statement: the action as written, or the resource
 * flattened the way the rule flattens it (`<LogicalId.Arn>/prefix/*`). Resolve within the
 * construct's own stack, so only resources of that stack or literal ARNs can be named.
 */
export function wildcardFinding(
  scope: IConstruct,
  kind: 'Action' | 'Resource',
  value: string,
): string {
  const flat = kind === 'Action' ? value : flattenCfnReference(Stack.of(scope).resolve(value))
  return `AwsSolutions-IAM5[${kind}::${flat}]`
}

/**
 * CDK's own custom resource Lambdas (AwsCustomResource, CfnJson) log with the AWS-managed
 * AWSLambdaBasicExecutionRole; acknowledged once per stack that has them.
 */
export function acknowledgeCdkHandlerLogging(stack: Stack): void {
  acknowledge(stack, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's custom resource handlers log through AWSLambdaBasicExecutionRole, AWS's minimal logging policy.",
  })
}
