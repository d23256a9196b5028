import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'

// The slice of the Kubernetes pod spec the contract tests read.
export interface EnvVar {
  name: string
  value?: string
}
export interface VolumeMount {
  name: string
  mountPath: string
}
export interface Container {
  name: string
  image: string
  command?: string[]
  args?: string[]
  env?: EnvVar[]
  volumeMounts?: VolumeMount[]
}
export interface Volume {
  name: string
  emptyDir?: object
  persistentVolumeClaim?: { claimName: string }
  hostPath?: { path: string }
}
export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  volumes?: Volume[]
}
export interface Pod {
  file: string
  name: string
  spec: PodSpec
}

interface Workload {
  kind?: string
  metadata?: { name?: string }
  spec?: {
    template?: { spec?: PodSpec }
    jobTemplate?: { spec?: { template?: { spec?: PodSpec } } }
  }
}

/** Pod templates of the Deployments, Jobs and CronJobs in `k8s/<env>/` for each env given. */
export function podsOf(root: string, envs: readonly string[]): Pod[] {
  const pods: Pod[] = []
  for (const env of envs) {
    const dir = join(root, 'k8s', env)
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
        const workload = doc.toJS() as Workload | null
        const spec =
          workload?.spec?.template?.spec ?? workload?.spec?.jobTemplate?.spec?.template?.spec
        if (spec)
          pods.push({ file: `k8s/${env}/${file}`, name: workload?.metadata?.name ?? '', spec })
      }
    }
  }
  return pods
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers]
}

export function envValue(container: Container, name: string): string | undefined {
  return container.env?.find((e) => e.name === name)?.value
}

/** The volume mounted at the deepest mount path that contains `path`, if any. */
export function volumeAt(spec: PodSpec, container: Container, path: string): Volume | undefined {
  const mount = (container.volumeMounts ?? [])
    .filter((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0]
  return spec.volumes?.find((v) => v.name === mount?.name)
}
