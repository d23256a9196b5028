import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { workspaceFolders } from './workspace.ts'

const root = join(import.meta.dirname, '..')
const guard = join(root, 'scripts', 'check-node.cjs')

/** Every package.json script of the workspace, root included: `folder: name` → command. */
function allScripts(): Map<string, { folder: string; command: string }> {
  const scripts = new Map<string, { folder: string; command: string }>()
  for (const folder of workspaceFolders(root, ['--recursive'])) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>
    }
    for (const [name, command] of Object.entries(manifest.scripts ?? {})) {
      scripts.set(`${relative(root, folder) || '.'}: ${name}`, { folder, command })
    }
  }
  return scripts
}

/** The `node …` steps of a command (`a && b`) that start before check-node.cjs has run. */
function unguardedNodeSteps(folder: string, command: string): string[] {
  const isGuard = (path: string | undefined) =>
    path !== undefined && resolve(folder, path) === guard
  const unguarded: string[] = []
  for (const step of command.split('&&').map((s) => s.trim())) {
    const words = step.split(/\s+/)
    const node = words.indexOf('node')
    if (node === -1) continue
    if (isGuard(words[node + 1])) return unguarded // the check on its own: what follows is covered
    const preloaded = words.some((word, i) => word === '--require' && isGuard(words[i + 1]))
    if (!preloaded) unguarded.push(step)
  }
  return unguarded
}

describe('every script that starts Node', () => {
  const scripts = allScripts()

  it('checks the Node version first, so the wrong Node stops with one line', () => {
    const unguarded = [...scripts].flatMap(([name, { folder, command }]) =>
      unguardedNodeSteps(folder, command).map((step) => `${name}: ${step}`),
    )
    expect(scripts.size).toBeGreaterThan(20)
    expect(unguarded).toEqual([])
  })

  it('watches only sources: services run through dev-service.ts, never `node --watch`', () => {
    const watching = [...scripts]
      .filter(([, { command }]) => /\bnode\b[^&]*--watch\b/.test(command))
      .map(([name]) => name)
    expect(watching).toEqual([])
  })
})
