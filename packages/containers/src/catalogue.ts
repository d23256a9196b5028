import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Which Dockerfile builds an app: Node programs run from source, web apps are static files, and
 * the fluentd sidecar is not a workspace package at all.
 */
export type ImageKind = 'node' | 'web' | 'fluentd'

export interface ImageApp {
  /** Image and workspace name: the package is `@hexad/<name>`, the image `<prefix><name>`. */
  name: string
  /** Folder of the workspace package (fluentd: of its Dockerfile), relative to the root. */
  dir: string
  kind: ImageKind
}

/** Every app that ships as an image; the Kubernetes manifests name them the same way. */
export const imageApps: readonly ImageApp[] = [
  { name: 'console-api', dir: 'apps/console-api', kind: 'node' },
  { name: 'ad-api', dir: 'apps/ad-api', kind: 'node' },
  { name: 'jobs', dir: 'packages/jobs', kind: 'node' },
  { name: 'console', dir: 'apps/console', kind: 'web' },
  { name: 'ad-tag', dir: 'apps/ad-tag', kind: 'web' },
  { name: 'fluentd', dir: 'docker/fluentd', kind: 'fluentd' },
]

const dockerfiles: Record<ImageKind, string> = {
  node: 'docker/node-service.Dockerfile',
  web: 'docker/web.Dockerfile',
  fluentd: 'docker/fluentd/Dockerfile',
}

/** Files outside the app's own folders that also go into its image. */
const kindInputs: Record<ImageKind, string[]> = {
  node: ['docker/node-service.Dockerfile'],
  web: ['docker/web.Dockerfile', 'docker/web'],
  fluentd: ['docker/fluentd'],
}
const workspaceInputs = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.dockerignore']

export function dockerfileOf(app: ImageApp): string {
  return dockerfiles[app.kind]
}

/**
 * Every path whose change changes the app's image, given the workspace folders of its closure
 * (the app and the workspace packages it depends on; see workspace.ts).
 */
export function imageInputs(app: ImageApp, closureDirs: readonly string[]): string[] {
  if (app.kind === 'fluentd') return kindInputs.fluentd
  return [...closureDirs, ...kindInputs[app.kind], ...workspaceInputs]
}

export function findApp(name: string): ImageApp {
  const app = imageApps.find((a) => a.name === name)
  if (!app) {
    throw new Error(`unknown app "${name}": one of ${imageApps.map((a) => a.name).join(', ')}`)
  }
  return app
}

/** Apps are written in parallel with this tooling: an app exists once its package.json does. */
export function isPresent(app: ImageApp, root: string): boolean {
  return existsSync(
    join(root, app.kind === 'fluentd' ? dockerfileOf(app) : join(app.dir, 'package.json')),
  )
}
