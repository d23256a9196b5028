import { join } from 'node:path'
import { loadTree } from '@hexad/deploy-tools/manifests'
import { allContainers, workloads, type Container, type PodSpec } from '@hexad/deploy-tools/pods'

// The pods of k8s/<env>/ as the image checks read them: deploy-tools' pod model (the one lint and
// set-image use), with each pod's file named from the repository root.

export { allContainers, envValue, volumeAt } from '@hexad/deploy-tools/pods'

/** A container of an environment: the image checks match containers to apps by their image. */
export type ImagedContainer = Container & { image: string }

export interface Pod {
  /** `k8s/<env>/<file>`. */
  file: string
  /** The workload's name. */
  name: string
  spec: PodSpec<ImagedContainer>
}

/** Pod templates of the workloads (Deployments, Jobs, CronJobs…) in `k8s/<env>/` for each env. */
export function podsOf(root: string, envs: readonly string[]): Pod[] {
  return workloads(loadTree(join(root, 'k8s'), envs).manifests).map(({ manifest, template }) => {
    const file = `k8s/${manifest.file}`
    for (const c of allContainers(template.spec))
      if (!c.image) throw new Error(`${file}: container ${c.name} names no image`)
    return { file, name: manifest.object.metadata.name, spec: template.spec as Pod['spec'] }
  })
}
