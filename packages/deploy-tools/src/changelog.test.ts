import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { changelog } from './changelog.ts'

function repo(): { root: string; commit: (file: string, message: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'hexad-changelog-'))
  const git = (...args: string[]) =>
    execFileSync('git', [
      '-C',
      root,
      '-c',
      'user.name=Ann',
      '-c',
      'user.email=ann@example.com',
      ...args,
    ])
  git('init', '-q')
  const commit = (file: string, message: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), message)
    git('add', '.')
    git('commit', '-q', '-m', message)
  }
  const pkg = (dir: string, name: string, deps: Record<string, string> = {}) =>
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, dependencies: deps }))
  for (const dir of ['apps/console-api', 'apps/console', 'packages/service-kit', 'packages/db'])
    mkdirSync(join(root, dir), { recursive: true })
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - apps/*\n  - packages/*\n')
  pkg('apps/console-api', '@hexad/console-api', { '@hexad/service-kit': 'workspace:*' })
  pkg('apps/console', '@hexad/console')
  pkg('packages/service-kit', '@hexad/service-kit', { '@hexad/db': 'workspace:*' })
  pkg('packages/db', '@hexad/db')
  commit('README.md', 'start')
  git('tag', 'v1')
  return { root, commit: (file, message) => commit(file, message) }
}

describe('changelog', () => {
  // A long timeout: pnpm is asked once per app, a second or more each on a busy machine.
  it('lists per app the commits touching it or its workspace dependencies, transitively', () => {
    const { root, commit } = repo()
    commit('packages/db/src/a.ts', 'db: add index')
    commit('apps/console/src/b.ts', 'console: new page')
    commit('docs/c.md', 'docs only')
    execFileSync('git', ['-C', root, 'tag', 'v2'])
    const md = changelog(root, 'stg', 'v1', 'v2')
    const section = (app: string) => md.split(`### ${app}\n`)[1]!.split('###')[0]!
    expect(md).toMatch(/^## Changes for stg: `v1` → `v2`/)
    expect(section('console-api')).toContain('db: add index (Ann)')
    expect(section('console-api')).toContain(
      '_apps/console-api, packages/db, packages/service-kit_',
    )
    expect(section('console-api')).not.toContain('console: new page')
    expect(section('console')).toContain('console: new page')
    expect(section('ad-api')).toContain('No changes.')
    expect(md).not.toContain('docs only')
  }, 60_000)

  it('refuses an unknown ref', () => {
    const { root } = repo()
    expect(() => changelog(root, 'stg', 'v1', 'nope')).toThrow(/unknown git ref nope/)
  })
})
