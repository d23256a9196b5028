import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The nearest folder at or above `from` holding pnpm-workspace.yaml, or undefined outside one. By
 * default from this module's own folder: a tool finds the repository it is part of wherever it was
 * started from (`pnpm --filter` runs scripts in the package's folder).
 */
export function findRepoRoot(from: string = import.meta.dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    if (dirname(dir) === dir) return undefined
  }
}

/** The monorepo root, for tools that cannot work outside it. */
export function repoRoot(): string {
  const root = findRepoRoot()
  if (root === undefined) throw new Error(`no pnpm-workspace.yaml above ${import.meta.dirname}`)
  return root
}
