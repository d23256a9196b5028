/**
 * The one door from infra/ to the deployment plan the manifests use: every port, path and name
 * the stacks share with k8s/ comes through here. Today the plan lives in deploy-tools (which
 * exports no subpath for it, hence the relative import); when it moves, only this file changes.
 *
 * What the plan does not say yet is added below, each value with a test (plan.test.ts) that
 * reads the manifests and fails when they disagree.
 */
import {
  ALB_DEREGISTRATION_ANNOTATION,
  APPS,
  ENVIRONMENTS,
  namespaceOf,
  plannedNodePort,
  type App,
  type Environment,
} from '../../packages/deploy-tools/src/plan.ts'

export {
  ALB_DEREGISTRATION_ANNOTATION,
  APPS,
  ENVIRONMENTS,
  namespaceOf,
  type App,
  type Environment,
}

/** The apps behind the ALB: those with a NodePort. */
export const SERVED_APPS = ['console', 'console-api', 'ad-tag', 'ad-api'] as const
export type ServedApp = (typeof SERVED_APPS)[number]

export function nodePortOf(env: Environment, app: ServedApp): number {
  const port = plannedNodePort(env, app)
  if (port === undefined) throw new Error(`the plan has no NodePort for ${app} in ${env}`)
  return port
}

/** Every app answers these itself (the nginx images too); the ALB checks readiness. */
export const READINESS_PATH = '/readyz'
export const LIVENESS_PATH = '/healthz'

/**
 * Draining behind the ALB (ARCHITECTURE.md): the target group's deregistration delay must end
 * before the pod's preStop sleep does. The manifests write the first on each Service (deploy-tools'
 * ALB_DEREGISTRATION_ANNOTATION); `pnpm k8s lint` checks the rest of the pod's budget.
 */
export const DRAINING = {
  deregistrationDelaySeconds: 20,
  preStopSleepSeconds: 25,
} as const

/** ECR repository name of each image: the plan's `repository`. */
export function repositoryNames(): string[] {
  return APPS.map((app) => app.repository)
}

/**
 * Where fluentd writes in the analytics bucket (docker/fluentd/fluent.conf `path analytics/…`)
 * and where aggregate-reports reads (ANALYTICS_S3_PREFIX in k8s/<env>/config.yaml).
 */
export const ANALYTICS_PREFIX = 'analytics/'

/**
 * The ServiceAccounts with an IAM role, whose roles the stacks create: those of
 * k8s/<env>/service-accounts.yaml, and ship-orphans' own (k8s/<env>/ship-orphans.yaml).
 */
export const SERVICE_ACCOUNTS = {
  analyticsShipper: 'analytics-shipper',
  jobs: 'jobs',
  orphanShipper: 'orphan-shipper',
} as const

/** IAM role names the manifests' `eks.amazonaws.com/role-arn` annotations point at. */
export function serviceAccountRoleName(env: Environment, serviceAccount: string): string {
  return `hexad-${env}-${serviceAccount}`
}

/** KMS aliases kubesec encrypts with (k8s/README.md "Secrets"). */
export function kubesecAlias(env: Environment | 'cluster'): string {
  return `alias/hexad-${env}`
}

/** Host rules of one environment's ALB (DESIGN.md: the console calls same-origin /api). */
export const ROUTES = {
  console: { default: 'console', paths: { 'console-api': ['/api/*'] } },
  ads: { default: 'ad-tag', paths: { 'ad-api': ['/v1/*'] } },
} as const satisfies Record<
  string,
  { default: ServedApp; paths: Partial<Record<ServedApp, readonly string[]>> }
>
