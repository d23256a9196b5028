/**
 * The delivery plan in one place: environments, apps, their images and Dockerfiles, the fixed
 * NodePorts and health paths the ALB targets, the ALB's host/path routes, the draining figures,
 * the tag format, the IRSA ServiceAccounts and the kubesec keys. `pnpm k8s` (lint, set-image,
 * changelog, the minikube router), the container tooling (build, verify, release plan) and the
 * AWS side (infra/) read it. Plain data and small helpers, no imports:
 * `@hexad/deploy-tools/plan` costs nothing to load.
 */

export const ENVIRONMENTS = ['dev', 'stg', 'prd'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

/** Folders under k8s/ that lint reads; `local` is minikube and `cluster` is cluster-wide. */
export const FOLDERS = ['cluster', ...ENVIRONMENTS, 'local'] as const
export type Folder = (typeof FOLDERS)[number]

export function namespaceOf(env: Environment): string {
  return `hexad-${env}`
}

/**
 * Where console-api may seed the demo tenant (a known login) into an empty database: dev and
 * minikube. stg and prd get their first user from the create-user job instead.
 */
export const DEMO_DATA_FOLDERS: readonly Folder[] = ['dev', 'local']

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

/**
 * The ports of every node service's container: `http` (PORT) is what its Service and so the ALB
 * target; `ops` (OPS_PORT: /metrics, console-api's /docs) is targeted by no Service, and the
 * Datadog agent scrapes it on the pod (autodiscovery annotation).
 */
export const NODE_SERVICE_PORTS = { http: 8080, ops: 9090 } as const

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

const PLANNED_APPS = [
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
] as const satisfies readonly App[]

export const APPS: readonly App[] = PLANNED_APPS
type PlannedApp = (typeof PLANNED_APPS)[number]

/** The apps behind the ALB: those with a NodePort, each with a target group. */
export type ServedApp = Extract<PlannedApp, { nodePort: number }>['name']
export const SERVED_APPS: readonly ServedApp[] = PLANNED_APPS.filter(
  (app): app is Extract<PlannedApp, { nodePort: number }> => 'nodePort' in app,
).map((app) => app.name)

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

/** The NodePort of an app behind the ALB in an environment: its target group's port. */
export function nodePortOf(env: Environment, app: ServedApp): number {
  const port = plannedNodePort(env, app)
  if (port === undefined) throw new Error(`the plan has no NodePort for ${app} in ${env}`)
  return port
}

/**
 * Immutable tags only: `<env>-<git sha>` as CI makes them, where `<env>` is the environment
 * whose folder runs it and the sha the commit of that environment's branch (.circleci: a build
 * on dev is `dev-<sha>`; promotion to stg or prd puts `stg-<sha>`/`prd-<sha>` on the same digest,
 * so the environment's ECR lifecycle rule keeps what it runs). Or a digest. Anything else
 * (latest, a branch name) can move under a running pod.
 */
export const TAG_PATTERN = new RegExp(`^(${ENVIRONMENTS.join('|')})-([0-9a-f]{7,40})$`)
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/

/** The commit a CI tag was built from: `dev-1a2b3c4` → `1a2b3c4`. */
export function commitOfTag(tag: string): string | undefined {
  return TAG_PATTERN.exec(tag)?.[2]
}

/** The environment a CI tag was made for: `stg-1a2b3c4` → `stg`. */
export function environmentOfTag(tag: string): Environment | undefined {
  return TAG_PATTERN.exec(tag)?.[1] as Environment | undefined
}

/** The shape every pod of an environment obeys (see ARCHITECTURE.md "Draining behind an ALB"). */
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

/** A site's rules on its host: each app's ALB path patterns first, then everything else. */
export interface Site {
  /** The app that answers every path no pattern claims. */
  default: ServedApp
  /** ALB path patterns, each a prefix followed by `*` (`/api/*`). */
  paths: Partial<Record<ServedApp, readonly string[]>>
}

/**
 * The ALB's host/path rules, one site per host (ARCHITECTURE.md: the console calls its API on its own
 * origin; publishers' pages load the tag and call ad-api on one host). infra/ writes them as
 * listener rules; the minikube router (k8s/local/router.yaml) is generated from them.
 */
export const SITES = {
  console: { default: 'console', paths: { 'console-api': ['/api/*'] } },
  ads: { default: 'ad-tag', paths: { 'ad-api': ['/v1/*'] } },
} as const satisfies Record<string, Site>
export type SiteName = keyof typeof SITES

/** What a host no site claims gets (the listener's default action). */
export const UNKNOWN_HOST_RESPONSE = {
  status: 404,
  contentType: 'application/json',
  body: '{"error":"not_found","message":"unknown host"}',
} as const

/**
 * The ServiceAccounts with an IAM role (IRSA): the API pods' fluentd and the jobs
 * (k8s/<env>/service-accounts.yaml), and ship-orphans (k8s/<env>/ship-orphans.yaml).
 */
export const SERVICE_ACCOUNTS = {
  analyticsShipper: 'analytics-shipper',
  jobs: 'jobs',
  orphanShipper: 'orphan-shipper',
} as const

/** The IAM role a ServiceAccount's `eks.amazonaws.com/role-arn` names. */
export function serviceAccountRoleName(env: Environment, serviceAccount: string): string {
  return `hexad-${env}-${serviceAccount}`
}

/** The KMS alias kubesec seals a folder's secrets with (k8s/README.md "Secrets"). */
export function kubesecAlias(folder: Environment | 'cluster'): string {
  return `alias/hexad-${folder}`
}
