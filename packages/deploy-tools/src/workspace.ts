import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface PackageJson {
  name?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/**
 * The pnpm workspace graph from the package.jsons under apps/ and packages/ (the globs of
 * pnpm-workspace.yaml): package name → folder, and the folders a folder depends on, transitively.
 */
export function workspacePackages(root: string): Map<string, { dir: string; deps: string[] }> {
  const packages = new Map<string, { dir: string; deps: string[] }>()
  for (const group of ['apps', 'packages']) {
    if (!existsSync(join(root, group))) continue
    for (const entry of readdirSync(join(root, group)).sort()) {
      const file = join(root, group, entry, 'package.json')
      if (!existsSync(file)) continue
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson
      if (!pkg.name) continue
      const deps = [
        pkg.dependencies,
        pkg.devDependencies,
        pkg.peerDependencies,
        pkg.optionalDependencies,
      ].flatMap((d) => Object.keys(d ?? {}))
      packages.set(pkg.name, { dir: `${group}/${entry}`, deps })
    }
  }
  return packages
}

/** `dir` and the folders of every workspace package it depends on, directly or not. */
export function dependencyFolders(root: string, dir: string): string[] {
  const packages = workspacePackages(root)
  const byDir = new Map([...packages.values()].map((p) => [p.dir, p]))
  const result = new Set<string>([dir])
  const queue = [...(byDir.get(dir)?.deps ?? [])]
  while (queue.length > 0) {
    const dep = packages.get(queue.shift()!)
    if (!dep || result.has(dep.dir)) continue
    result.add(dep.dir)
    queue.push(...dep.deps)
  }
  return [...result]
}
