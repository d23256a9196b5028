import type { KubeObject, Manifest } from '../manifests.ts'
import { APPS, type AppKind } from '../plan.ts'
import type { LintContext } from './types.ts'

/** The parts of the Kubernetes pod API the rules read; schema validation has checked the rest. */
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
  configMap?: { name: string }
  secret?: { secretName: string }
}
export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
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

const TEMPLATE_PATHS: Record<string, string[]> = {
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
export function allContainers(spec: PodSpec): Container[] {
  return [...spec.containers, ...(spec.initContainers ?? [])]
}

export function isNativeSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}

export function inFolders(context: LintContext, folders: string[]): Manifest[] {
  return context.tree.manifests.filter((m) => folders.includes(m.folder))
}

/** The Deployments of the plan's apps of the given kinds (console, console-api, …). */
export function appDeployments(manifests: Manifest[], kinds: AppKind[]): Workload[] {
  const names = new Set(APPS.filter((a) => kinds.includes(a.kind)).map((a) => a.name))
  return workloads(manifests).filter(
    (w) => w.manifest.object.kind === 'Deployment' && names.has(w.manifest.object.metadata.name),
  )
}

export function envValue(container: Container, name: string): EnvVar | undefined {
  return container.env?.find((e) => e.name === name)
}

export function labelsMatch(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false
  return Object.entries(selector).every(([k, v]) => labels[k] === v)
}
