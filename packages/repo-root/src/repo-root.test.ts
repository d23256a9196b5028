import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findRepoRoot, repoRoot } from './repo-root.ts'

describe('findRepoRoot', () => {
  it('is the nearest folder above with pnpm-workspace.yaml', () => {
    const root = mkdtempSync(join(tmpdir(), 'hexad-root-'))
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n')
    mkdirSync(join(root, 'apps/console-api/src'), { recursive: true })
    expect(findRepoRoot(join(root, 'apps/console-api/src'))).toBe(root)
    expect(findRepoRoot(root)).toBe(root)
  })

  it('is undefined outside a workspace', () => {
    expect(findRepoRoot(mkdtempSync(join(tmpdir(), 'hexad-no-root-')))).toBeUndefined()
  })
})

describe('repoRoot', () => {
  it('is the repository this package is part of', () => {
    expect(repoRoot()).toBe(join(import.meta.dirname, '../../..'))
  })
})
