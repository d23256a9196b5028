import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { capture } from './exec.ts'

/** The monorepo root: the nearest folder above this package holding pnpm-workspace.yaml. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
  }
  throw new Error(`no pnpm-workspace.yaml above ${from}`)
}

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
