import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The monorepo root (where pnpm-workspace.yaml is), or the working directory outside it. */
function workspaceRoot(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    if (dirname(dir) === dir) return from
  }
}

/** One file for every service, so what console-api writes ad-api reads during `pnpm dev`. */
export function defaultSqlitePath(): string {
  return join(workspaceRoot(), '.data', 'hexad.sqlite')
}
