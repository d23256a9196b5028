import { parseImage } from './image.ts'
import type { KubeObject, Manifest } from './manifests.ts'
import { APPS, type AppKind } from './plan.ts'

/**
 * The one model of the pods the manifests describe: the parts of the Kubernetes pod API that lint,
 * set-image and the container checks read (schema validation has checked the rest), and where a
 * workload keeps its pod template.
 */
export interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    fieldRef?: { fieldPath: string }
    configMapKeyRef?: { name: string; key: string }
    secretKeyRef?: { name: string; key: string }
  }
}
export interface VolumeMount {
  name: string
  mountPath: string
  readOnly?: boolean
}
export interface Probe {
  httpGet?: { path?: string; port: string | number }
}
export interface Container {
  name: string
  image?: string
  command?: string[]
  args?: string[]
  restartPolicy?: string
  ports?: { name?: string; containerPort: number }[]
  env?: EnvVar[]
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[]
  volumeMounts?: VolumeMount[]
  livenessProbe?: Probe
  readinessProbe?: Probe
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: { command?: string[] } } }
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
  securityContext?: {
    runAsNonRoot?: boolean
    allowPrivilegeEscalation?: boolean
    readOnlyRootFilesystem?: boolean
    capabilities?: { drop?: string[] }
    seccompProfile?: { type?: string }
  }
}
export interface Volume {
  name: string
  emptyDir?: object
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean }
  hostPath?: { path: string }
  configMap?: { name: string }
  secret?: { secretName: string }
}
/** Generic over the container type so a reader that has checked more (an image) can say so. */
export interface PodSpec<C extends Container = Container> {
  containers: C[]
  initContainers?: C[]
  volumes?: Volume[]
  serviceAccountName?: string
  terminationGracePeriodSeconds?: number
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } }
  topologySpreadConstraints?: {
    topologyKey: string
    labelSelector?: { matchLabels?: Record<string, string> }
  }[]
}
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }
  spec: PodSpec
}

export interface Workload {
  manifest: Manifest
  template: PodTemplate
}

/** Where each workload kind keeps its pod template. */
export const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
}

export function podTemplate(object: KubeObject): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[object.kind]
  if (!path) return undefined
  let node: unknown = object
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key]
  const template = node as PodTemplate | undefined
  return Array.isArray(template?.spec?.containers) ? template : undefined
}

export function workloads(manifests: Manifest[]): Workload[] {
  const result: Workload[] = []
  for (const manifest of manifests) {
    const template = podTemplate(manifest.object)
    if (template) result.push({ manifest, template })
  }
  return result
}

/** Main containers, then init containers (native sidecars among them). */
export function allContainers<C extends Container>(spec: PodSpec<C>): C[] {
  return [...spec.containers, ...(spec.initContainers ?? [])]
}

export function isNativeSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}

/** Whether the container runs an image of `repository` (an ECR path such as `hexad/console`). */
export function runsRepository(container: Container, repository: string): boolean {
  const image = parseImage(container.image ?? '').repository
  return image === repository || image.endsWith(`/${repository}`)
}

/** The Deployments of the plan's apps of the given kinds (console, console-api, …). */
export function appDeployments(manifests: Manifest[], kinds: AppKind[]): Workload[] {
  const names = new Set(APPS.filter((a) => kinds.includes(a.kind)).map((a) => a.name))
  return workloads(manifests).filter(
    (w) => w.manifest.object.kind === 'Deployment' && names.has(w.manifest.object.metadata.name),
  )
}

export function envVar(container: Container, name: string): EnvVar | undefined {
  return container.env?.find((e) => e.name === name)
}

/** The literal value of a variable; undefined when unset or taken from elsewhere (valueFrom). */
export function envValue(container: Container, name: string): string | undefined {
  return envVar(container, name)?.value
}

/** The container's mount at the deepest mount path that contains `path`, if any. */
export function mountAt(container: Container, path: string): VolumeMount | undefined {
  return (container.volumeMounts ?? [])
    .filter((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0]
}

/** The volume mounted at the deepest mount path that contains `path`, if any. */
export function volumeAt(spec: PodSpec, container: Container, path: string): Volume | undefined {
  const mount = mountAt(container, path)
  return spec.volumes?.find((v) => v.name === mount?.name)
}

export function labelsMatch(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false
  return Object.entries(selector).every(([k, v]) => labels[k] === v)
}
