import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requireApp } from './plan.ts'
import { appFolders, workspacePackages } from './workspace.ts'

/** A workspace where jobs needs db at runtime and kit only in its tests, and kit needs zlog. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'hexad-workspace-'))
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n')
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'root' }))
  const pkg = (dir: string, manifest: object) => {
    mkdirSync(join(root, 'packages', dir), { recursive: true })
    writeFileSync(join(root, 'packages', dir, 'package.json'), JSON.stringify(manifest))
  }
  pkg('jobs', {
    name: '@hexad/jobs',
    dependencies: { '@hexad/db': 'workspace:*' },
    devDependencies: { '@hexad/kit': 'workspace:*' },
  })
  pkg('db', { name: '@hexad/db' })
  pkg('kit', { name: '@hexad/kit', dependencies: { '@hexad/zlog': 'workspace:*' } })
  pkg('zlog', { name: '@hexad/zlog' })
  pkg('console', { name: '@hexad/console' })
  return root
}

// Long timeouts: each call asks pnpm, a second or more on a busy machine.
describe('the workspace, as pnpm resolves it', () => {
  it("is an app's package and every workspace package it depends on, its own first", () => {
    expect(appFolders(workspace(), requireApp('jobs'))).toEqual([
      'packages/jobs',
      'packages/db',
      'packages/kit',
      'packages/zlog',
    ])
  }, 30_000)

  it('is the source folder alone for an image that is no package, or not there yet', () => {
    const root = workspace()
    expect(appFolders(root, requireApp('fluentd'))).toEqual(['docker/fluentd'])
    expect(appFolders(root, requireApp('ad-api'))).toEqual(['apps/ad-api'])
  }, 30_000)

  it('maps every package name to its folder', () => {
    const packages = workspacePackages(workspace())
    expect(packages.get('@hexad/kit')).toBe('packages/kit')
    expect(packages.get('root')).toBe('.')
  }, 30_000)
})
