import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Which Dockerfile builds an app: Node programs run from source, web apps are static files. */
export type ImageKind = 'node' | 'web'

export interface ImageApp {
  /** Image and workspace name: the package is `@hexad/<name>`, the image `<prefix><name>`. */
  name: string
  /** Folder of the workspace package, relative to the repository root. */
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
]

export function dockerfileOf(app: ImageApp): string {
  return app.kind === 'node' ? 'docker/node-service.Dockerfile' : 'docker/web.Dockerfile'
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
  return existsSync(join(root, app.dir, 'package.json'))
}
