import type { Manifest, ManifestTree } from '../manifests.ts'

export interface Finding {
  file: string
  /** `Kind/name`, or `-` for a problem with the file itself. */
  object: string
  rule: string
  message: string
  /** How to fix it, in one line. */
  hint: string
}

export interface LintContext {
  tree: ManifestTree
  /** The environment folders being linted (dev, stg, prd); cluster/ and local/ are always read. */
  envs: string[]
}

export interface Rule {
  id: string
  /** One line for `pnpm k8s lint --rules`. */
  description: string
  check(context: LintContext): Finding[] | Promise<Finding[]>
}

export function finding(manifest: Manifest, rule: string, message: string, hint: string): Finding {
  const { kind, metadata } = manifest.object
  return { file: manifest.file, object: `${kind}/${metadata.name}`, rule, message, hint }
}

export function inFolders(context: LintContext, folders: string[]): Manifest[] {
  return context.tree.manifests.filter((m) => folders.includes(m.folder))
}
