import { relative } from 'node:path'
import { capture } from './exec.ts'

/** The monorepo root: every image's build context. */
export { repoRoot } from '@hexad/repo-root'

/** Folders (relative to the root) of `@hexad/<name>` and every workspace package it depends on. */
export function closureDirs(root: string, name: string): string[] {
  const out = capture(
    'pnpm',
    ['--filter', `@hexad/${name}...`, 'ls', '--depth', '-1', '--parseable'],
    root,
  )
  return out
    .split('\n')
    .filter((line) => line.startsWith('/'))
    .map((dir) => relative(root, dir))
}
