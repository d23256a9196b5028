import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The monorepo root: the nearest folder above this package holding pnpm-workspace.yaml. */
export function repoRoot(start: string = import.meta.dirname): string {
  let dir = start
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`)
    dir = parent
  }
  return dir
}

export function k8sRoot(): string {
  return join(repoRoot(), 'k8s')
}
