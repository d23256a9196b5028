import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { App, Validations, type Environment as CdkEnvironment } from 'aws-cdk-lib'
import type { InfraConfig } from './config/load.ts'
import { AwsSolutionsChecks } from './nag.ts'
import { ENVIRONMENTS, type Environment } from '@hexad/deploy-tools/plan'
import { ClusterStack } from './stacks/cluster-stack.ts'
import { EnvironmentStack } from './stacks/environment-stack.ts'
import { SharedStack } from './stacks/shared-stack.ts'

export interface HexadApp {
  app: App
  shared: SharedStack
  cluster: ClusterStack
  environments: Record<Environment, EnvironmentStack>
}

/** cdk.json's context (feature flags): the CLI passes it to main.ts, tests pass it here. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'cdk.json'), 'utf8'))
  return cdkJson.context
}

/**
 * The whole AWS side, in the order it must exist: hexad-shared (ECR, CircleCI, migration
 * bucket), hexad-cluster (VPC, EKS, EFS), then hexad-dev, hexad-stg, hexad-prd. Synthesis fails
 * on any finding of cdk-nag's AWS Solutions rules that is not acknowledged with a reason.
 */
export function createApp(config: InfraConfig, outdir?: string): HexadApp {
  const { shared } = config
  const app = new App({
    context: {
      ...cdkJsonContext(),
      // What a lookup would fetch, given by the config: synthesis never calls AWS.
      [`availability-zones:account=${shared.account}:region=${shared.region}`]:
        shared.network.availabilityZones,
    },
    analyticsReporting: false,
    ...(outdir ? { outdir } : {}),
  })
  const env: CdkEnvironment = { account: shared.account, region: shared.region }
  const sharedStack = new SharedStack(app, 'hexad-shared', {
    env,
    config: shared,
    description: 'hexad: ECR repositories, the CircleCI release role, the migrate-data bucket',
  })
  const clusterStack = new ClusterStack(app, 'hexad-cluster', {
    env,
    config: shared,
    description: 'hexad: VPC, EKS cluster and node group, analytics EFS, cluster kubesec key',
  })
  const environments = Object.fromEntries(
    ENVIRONMENTS.map((name) => [
      name,
      new EnvironmentStack(app, `hexad-${name}`, {
        environment: name,
        config: config.environments[name],
        shared,
        vpc: clusterStack.vpc,
        cluster: clusterStack.cluster,
        description: `hexad ${name}: ALB and target groups, Aurora, analytics bucket, IRSA roles, pipeline`,
      }),
    ]),
  ) as Record<Environment, EnvironmentStack>
  // The environments name the cluster, node group and migration bucket by their configured
  // names (plain strings in IAM policies), so the order those stacks need is stated here.
  for (const stack of Object.values(environments)) {
    stack.addStackDependency(clusterStack)
    stack.addStackDependency(sharedStack)
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }))
  return { app, shared: sharedStack, cluster: clusterStack, environments }
}
