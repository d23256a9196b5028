import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { App } from '@hexad/deploy-tools/plan'
import { appFolders } from '@hexad/deploy-tools/workspace'

/** The monorepo root: every image's build context. */
export { repoRoot } from '@hexad/repo-root'

/** Apps are written in parallel with this tooling: an app exists once its package.json does. */
export function isPresent(app: App, root: string): boolean {
  return existsSync(join(root, app.package ? join(app.source, 'package.json') : app.dockerfile))
}

/** What a Dockerfile copies besides the workspace: the web image's nginx configuration. */
const DOCKERFILE_FILES: Readonly<Record<string, readonly string[]>> = {
  'docker/web.Dockerfile': ['docker/web'],
}
const WORKSPACE_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.dockerignore']

/**
 * Every path whose change changes the app's image: the folders of its workspace closure (pnpm's,
 * the one the Dockerfile copies), its Dockerfile and what that copies, the workspace files. An
 * image that is no workspace package (fluentd) is its folder, Dockerfile included.
 */
export function imageInputs(root: string, app: App): string[] {
  if (!app.package) return [app.source]
  return [
    ...appFolders(root, app),
    app.dockerfile,
    ...(DOCKERFILE_FILES[app.dockerfile] ?? []),
    ...WORKSPACE_FILES,
  ]
}
