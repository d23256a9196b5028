import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative, sep } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { VALUES_FILE } from './addons.ts'

/** A Kubernetes object as read from YAML: only the fields every object has are typed. */
export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
  [field: string]: unknown
}

export interface ManifestFile {
  /** Path relative to the k8s root, with forward slashes: `dev/console-api.yaml`. */
  file: string
  /** First path segment: `cluster`, `dev`, `stg`, `prd` or `local`. */
  folder: string
  text: string
}

export interface Manifest {
  file: string
  folder: string
  object: KubeObject
}

export interface ParseProblem {
  file: string
  message: string
}

export interface ManifestTree {
  root: string
  files: ManifestFile[]
  manifests: Manifest[]
  problems: ParseProblem[]
}

/** YAML files are manifests, but the helm values an add-on's render is made from (addons.ts). */
export function isManifestFile(name: string): boolean {
  if (basename(name) === VALUES_FILE) return false
  return name.endsWith('.yaml') || name.endsWith('.yml')
}

/** Every YAML file under `root/<folder>/`, recursively, sorted so output is stable. */
export function listManifestFiles(root: string, folders: readonly string[]): ManifestFile[] {
  const files: ManifestFile[] = []
  for (const folder of folders) {
    let entries: string[]
    try {
      entries = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    } catch {
      continue
    }
    for (const entry of entries.filter(isManifestFile).sort()) {
      const path = join(root, folder, entry)
      files.push({
        file: relative(root, path).split(sep).join('/'),
        folder,
        text: readFileSync(path, 'utf8'),
      })
    }
  }
  return files
}

/** Parses every document of every file; a YAML error or a non-object document is a problem. */
export function parseManifests(files: ManifestFile[]): {
  manifests: Manifest[]
  problems: ParseProblem[]
} {
  const manifests: Manifest[] = []
  const problems: ParseProblem[] = []
  for (const { file, folder, text } of files) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        for (const error of doc.errors) problems.push({ file, message: error.message })
        continue
      }
      const value: unknown = doc.toJS()
      if (value === null || value === undefined) continue
      if (!isKubeObject(value)) {
        problems.push({
          file,
          message: 'document is not a Kubernetes object (apiVersion, kind, metadata.name)',
        })
        continue
      }
      manifests.push({ file, folder, object: value })
    }
  }
  return { manifests, problems }
}

export function loadTree(root: string, folders: readonly string[]): ManifestTree {
  const files = listManifestFiles(root, folders)
  return { root, files, ...parseManifests(files) }
}

function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const o = value as Record<string, unknown>
  const metadata = o.metadata as Record<string, unknown> | undefined
  return (
    typeof o.apiVersion === 'string' &&
    typeof o.kind === 'string' &&
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof metadata.name === 'string'
  )
}

export function describe(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`
}
