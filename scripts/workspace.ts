import { execFileSync } from 'node:child_process'
import { isAbsolute } from 'node:path'

/**
 * Folders of workspace packages as pnpm itself selects them (pnpm-workspace.yaml, `workspace:`
 * ranges): `['--filter', '{.}...']` from a package's folder is it and everything it depends on,
 * `['--recursive']` is every package. Absolute paths.
 */
export function workspaceFolders(cwd: string, selection: readonly string[]): string[] {
  const listed = execFileSync('pnpm', [...selection, 'ls', '--depth', '-1', '--parseable'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return listed.split('\n').filter((line) => isAbsolute(line))
}
