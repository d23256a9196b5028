import { join } from 'node:path'
import { findRepoRoot } from '@hexad/repo-root'

/**
 * One file for every service, so what console-api writes ad-api reads during `pnpm dev`: under the
 * monorepo root the working directory is in, or under the working directory outside one.
 */
export function defaultSqlitePath(): string {
  const cwd = process.cwd()
  return join(findRepoRoot(cwd) ?? cwd, '.data', 'hexad.sqlite')
}
