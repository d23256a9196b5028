/**
 * The delivery plan in one place: environments, apps, their images and Dockerfiles, the fixed
 * NodePorts and health paths the ALB targets, the draining figures and the tag format. `pnpm k8s`
 * (lint, set-image, changelog) and the container tooling (build, verify, release plan) read it;
 * so can the AWS side. Plain data and small helpers, no imports: `@hexad/deploy-tools/plan` costs
 * nothing to load.
 */

export const ENVIRONMENTS = ['dev', 'stg', 'prd'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** Folders under k8s/ that lint reads; `local` is minikube and `cluster` is cluster-wide. */
export const FOLDERS = ['cluster', ...ENVIRONMENTS, 'local'] as const
export type Folder = (typeof FOLDERS)[number]

export function namespaceOf(env: Environment): string {
  return `hexad-${env}`
}

/** Where each environment's images come from when the code is the same: dev → stg → prd. */
export const PROMOTED_FROM: Readonly<Partial<Record<Environment, Environment>>> = {
  stg: 'dev',
  prd: 'stg',
}

export const REGISTRY = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com'

/**
 * node-service: a Fastify service behind the ALB; web: static files served by nginx behind the
 * ALB; job: CronJobs (the command picks the program); sidecar: runs beside the apps in their pods.
 */
export type AppKind = 'node-service' | 'web' | 'job' | 'sidecar'

/**
 * The probes every app behind the ALB (every app with a NodePort) answers; its target group
 * health-checks `readiness`.
 */
export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const

export interface App {
  /** Name of the Deployment, the Service, the image and (as `@hexad/<name>`) the package. */
  name: string
  kind: AppKind
  /** Folder whose history is this image's history: the workspace package, or fluentd's Dockerfile. */
  source: string
  /** The workspace package built into the image; fluentd is none (its image is its folder). */
  package?: string
  /** ECR repository (without registry). */
  repository: string
  /** Built from the repository root as the context. */
  dockerfile: string
  /** dev's NodePort, the ALB's target (stg and prd add their offset); only apps behind the ALB. */
  nodePort?: number
}

const NODE_DOCKERFILE = 'docker/node-service.Dockerfile'
const WEB_DOCKERFILE = 'docker/web.Dockerfile'

export const APPS: readonly App[] = [
  {
    name: 'console',
    kind: 'web',
    source: 'apps/console',
    package: '@hexad/console',
    repository: 'hexad/console',
    dockerfile: WEB_DOCKERFILE,
    nodePort: 30080,
  },
  {
    name: 'console-api',
    kind: 'node-service',
    source: 'apps/console-api',
    package: '@hexad/console-api',
    repository: 'hexad/console-api',
    dockerfile: NODE_DOCKERFILE,
    nodePort: 30081,
  },
  {
    name: 'ad-tag',
    kind: 'web',
    source: 'apps/ad-tag',
    package: '@hexad/ad-tag',
    repository: 'hexad/ad-tag',
    dockerfile: WEB_DOCKERFILE,
    nodePort: 30090,
  },
  {
    name: 'ad-api',
    kind: 'node-service',
    source: 'apps/ad-api',
    package: '@hexad/ad-api',
    repository: 'hexad/ad-api',
    dockerfile: NODE_DOCKERFILE,
    nodePort: 30091,
  },
  {
    name: 'jobs',
    kind: 'job',
    source: 'packages/jobs',
    package: '@hexad/jobs',
    repository: 'hexad/jobs',
    dockerfile: NODE_DOCKERFILE,
  },
  {
    name: 'fluentd',
    kind: 'sidecar',
    source: 'docker/fluentd',
    repository: 'hexad/fluentd',
    dockerfile: 'docker/fluentd/Dockerfile',
  },
]

export function findApp(name: string): App | undefined {
  return APPS.find((app) => app.name === name)
}

/** The app of that name, or an error that lists the known ones (for names a person typed). */
export function requireApp(name: string): App {
  const app = findApp(name)
  if (!app) throw new Error(`unknown app ${name} (known: ${APPS.map((a) => a.name).join(', ')})`)
  return app
}

/** NodePorts per folder: dev's, stg +100, prd +200; local (minikube) uses dev's. */
const NODE_PORT_OFFSET: Readonly<Record<string, number>> = { dev: 0, stg: 100, prd: 200, local: 0 }

export function plannedNodePort(folder: string, appName: string): number | undefined {
  const base = findApp(appName)?.nodePort
  const offset = NODE_PORT_OFFSET[folder]
  return base === undefined || offset === undefined ? undefined : base + offset
}

/**
 * Immutable tags only: `<env>-<git sha>` as CI builds them (a dev tag is promoted unchanged to
 * stg and prd), or a digest. Anything else (latest, a branch name) can move under a running pod.
 */
export const TAG_PATTERN = new RegExp(`^(?:${ENVIRONMENTS.join('|')})-([0-9a-f]{7,40})$`)
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/

/** The commit a CI tag was built from: `dev-1a2b3c4` → `1a2b3c4`. */
export function commitOfTag(tag: string): string | undefined {
  return TAG_PATTERN.exec(tag)?.[1]
}

/** The shape every pod of an environment obeys (see DESIGN.md "Draining behind an ALB"). */
export const ANALYTICS_ROOT = '/var/log/hexad/analytics'
export const FLUENTD_STATE_DIR = '/fluentd/state'

/**
 * The target groups' deregistration delay: the AWS side, also written on each Service under this
 * annotation so lint can check it against the pods' preStop sleep.
 */
export const ALB_DEREGISTRATION_DELAY_SECONDS = 20
export const ALB_DEREGISTRATION_ANNOTATION = 'hexad.dev/alb-deregistration-delay-seconds'

/**
 * What the fluentd sidecar needs of a pod's termination budget, after the app container has
 * drained and exited (native sidecars stop after the app): a preStop sleep long enough for in_tail
 * to read the app's last lines and files (refresh_interval and the watch timer are 1 s; in_tail
 * takes no last look at SIGTERM), then time for flush_at_shutdown to upload the buffer (at most
 * one 5-minute slice plus timekey_wait of records). Lint checks grace ≥ app's + this.
 */
export const FLUENTD_SHUTDOWN = { preStopSleepSeconds: 3, uploadSeconds: 15 } as const
