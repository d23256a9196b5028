import { execFileSync } from 'node:child_process'
import { isAbsolute, relative } from 'node:path'
import type { App } from './plan.ts'

// The workspace as pnpm itself resolves it (pnpm-workspace.yaml, every package.json, `workspace:`
// ranges), not a second reading of the package.json graph that could come to another answer.

function pnpm(root: string, args: string[]): string {
  return execFileSync('pnpm', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * The folders (relative to `root`) that make up an app: its workspace package and every workspace
 * package it depends on, as `pnpm --filter <package>... ls` selects them — the selection
 * node-service.Dockerfile copies into the image. The app's source folder alone when it is no
 * package (fluentd) or not in the workspace yet. The app's own folder first, then the others sorted.
 */
export function appFolders(root: string, app: App): string[] {
  const listed = app.package
    ? pnpm(root, ['--filter', `${app.package}...`, 'ls', '--depth', '-1', '--parseable'])
        .split('\n')
        .filter((line) => isAbsolute(line))
        .map((dir) => relative(root, dir))
    : []
  return [app.source, ...listed.filter((dir) => dir !== app.source).sort()]
}

/** Every workspace package as pnpm lists it: name → folder relative to the root (`.` for it). */
export function workspacePackages(root: string): Map<string, string> {
  const projects = JSON.parse(pnpm(root, ['ls', '--recursive', '--depth', '-1', '--json'])) as {
    name?: string
    path: string
  }[]
  return new Map(
    projects
      .filter((p) => p.name !== undefined)
      .map((p) => [p.name as string, relative(root, p.path) || '.']),
  )
}
