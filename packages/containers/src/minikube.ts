import { APPS, type App } from '@hexad/deploy-tools/plan'
import { runsRepository } from '@hexad/deploy-tools/pods'
import { allContainers, podsOf } from './contracts/k8s-pods.ts'
import type { Engine } from './engine.ts'

/**
 * Fully qualified, so minikube's runtime finds the image under the name k8s/local/ uses
 * (`hexad/console:local` means `docker.io/hexad/console:local`; podman would otherwise store
 * it as `localhost/hexad/console:local`).
 */
export function minikubeRef(prefix: string, app: App, tag: string): string {
  return `docker.io/${prefix}${app.name}:${tag}`
}

/** Save the built image to a tar file, then load that into minikube: works for every engine. */
export function minikubeLoadCommands(engine: Engine, ref: string, tar: string): string[][] {
  const save =
    engine === 'buildah'
      ? ['buildah', 'push', ref, `docker-archive:${tar}:${ref}`]
      : [engine, 'save', '--output', tar, ref]
  return [save, ['minikube', 'image', 'load', tar]]
}

/** The plan's apps whose images the pods of k8s/local/ run. */
export function localApps(root: string): App[] {
  const containers = podsOf(root, ['local']).flatMap((pod) => allContainers(pod.spec))
  return APPS.filter((app) => containers.some((c) => runsRepository(c, app.repository)))
}
