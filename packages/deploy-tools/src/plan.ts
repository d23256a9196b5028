/**
 * The deployment plan in one place: environments, apps, images and the fixed NodePorts from
 * DESIGN.md. Lint rules, set-image and changelog all read it, so the plan cannot drift between them.
 */

export const ENVIRONMENTS = ['dev', 'stg', 'prd'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** Folders under k8s/ that lint reads; `local` is minikube and `cluster` is cluster-wide. */
export const FOLDERS = ['cluster', ...ENVIRONMENTS, 'local'] as const
export type Folder = (typeof FOLDERS)[number]

export const REGISTRY = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com'

export type AppKind = 'node-service' | 'web' | 'job' | 'sidecar'

export interface App {
  name: string
  kind: AppKind
  /** ECR repository (without registry). */
  repository: string
  /** Workspace folder whose history is this image's history. */
  source: string
}

export const APPS: readonly App[] = [
  { name: 'console', kind: 'web', repository: 'hexad/console', source: 'apps/console' },
  {
    name: 'console-api',
    kind: 'node-service',
    repository: 'hexad/console-api',
    source: 'apps/console-api',
  },
  { name: 'ad-tag', kind: 'web', repository: 'hexad/ad-tag', source: 'apps/ad-tag' },
  { name: 'ad-api', kind: 'node-service', repository: 'hexad/ad-api', source: 'apps/ad-api' },
  { name: 'jobs', kind: 'job', repository: 'hexad/jobs', source: 'packages/jobs' },
  { name: 'fluentd', kind: 'sidecar', repository: 'hexad/fluentd', source: 'docker/fluentd' },
]

export function findApp(name: string): App | undefined {
  return APPS.find((app) => app.name === name)
}

/** The NodePort table of DESIGN.md: dev base, stg +100, prd +200; local (minikube) uses dev's. */
const DEV_NODE_PORTS: Record<string, number> = {
  console: 30080,
  'console-api': 30081,
  'ad-tag': 30090,
  'ad-api': 30091,
}
const ENV_OFFSET: Record<string, number> = { dev: 0, stg: 100, prd: 200, local: 0 }

export function plannedNodePort(folder: string, service: string): number | undefined {
  const base = DEV_NODE_PORTS[service]
  const offset = ENV_OFFSET[folder]
  return base === undefined || offset === undefined ? undefined : base + offset
}

export function namespaceOf(env: Environment): string {
  return `hexad-${env}`
}

/**
 * Immutable tags only: `<env>-<git sha>` as CI builds them (a dev tag is promoted unchanged to
 * stg and prd), or a digest. Anything else (latest, a branch name) can move under a running pod.
 */
export const TAG_PATTERN = /^(?:dev|stg|prd)-[0-9a-f]{7,40}$/
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/

/** The shape every pod of an environment obeys (see DESIGN.md "Draining behind an ALB"). */
export const ANALYTICS_ROOT = '/var/log/hexad/analytics'
export const FLUENTD_STATE_DIR = '/fluentd/state'
export const ALB_DEREGISTRATION_ANNOTATION = 'hexad.dev/alb-deregistration-delay-seconds'
