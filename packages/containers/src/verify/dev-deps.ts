import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Manifest {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/**
 * Packages that must not be in an app's image: the dev dependencies of the workspace root and of
 * every workspace package in the app's closure, except those the closure also needs at runtime.
 */
export function forbiddenPackages(root: string, closureDirs: readonly string[]): Set<string> {
  const manifests = [readManifest(root), ...closureDirs.map((dir) => readManifest(join(root, dir)))]
  const runtime = new Set(manifests.flatMap((m) => Object.keys(m.dependencies ?? {})))
  const dev = manifests.flatMap((m) => Object.keys(m.devDependencies ?? {}))
  return new Set(dev.filter((name) => !runtime.has(name)))
}

/** Package name of an entry in pnpm's virtual store (`@scope+name@1.2.3_peer@4` → `@scope/name`). */
export function storeEntryName(entry: string): string {
  const scoped = entry.startsWith('@')
  const at = entry.indexOf('@', scoped ? 1 : 0)
  const name = at === -1 ? entry : entry.slice(0, at)
  return scoped ? name.replace('+', '/') : name
}

/**
 * Names that installed packages depend on (dependencies, optional and peer dependencies of every
 * entry in the virtual store `storeDir`): a dev dependency of ours can also be needed by a library
 * at runtime (mysql2 has @types/node as a peer, which pnpm installs), and then it belongs there.
 */
export function requiredByInstalled(storeDir: string): Set<string> {
  const required = new Set<string>()
  for (const entry of readdirSync(storeDir)) {
    const manifest = join(storeDir, entry, 'node_modules', storeEntryName(entry), 'package.json')
    if (!existsSync(manifest)) continue
    const { dependencies, optionalDependencies, peerDependencies } = JSON.parse(
      readFileSync(manifest, 'utf8'),
    ) as Record<string, Record<string, string> | undefined>
    for (const deps of [dependencies, optionalDependencies, peerDependencies]) {
      for (const name of Object.keys(deps ?? {})) required.add(name)
    }
  }
  return required
}

/** Forbidden packages in the virtual store that nothing installed needs, sorted. */
export function leakedPackages(
  storeEntries: readonly string[],
  forbidden: Set<string>,
  required: Set<string>,
): string[] {
  const names = storeEntries.map(storeEntryName)
  const found = new Set(names.filter((name) => forbidden.has(name) && !required.has(name)))
  return [...found].sort()
}
