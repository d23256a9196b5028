import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { parseAllDocuments, type Document } from 'yaml'
import { formatImage, parseImage } from './image.ts'
import { listManifestFiles, type KubeObject } from './manifests.ts'
import { ENVIRONMENTS, environmentOfTag, requireApp } from './plan.ts'
import { allContainers, podTemplate, runsRepository, TEMPLATE_PATHS } from './pods.ts'

export interface ImageChange {
  file: string
  from: string
  to: string
}

interface Edit {
  start: number
  end: number
  text: string
}

/**
 * Sets the tag of one app's image in every workload of `k8s/<env>/`, changing only the bytes of
 * the tag: the image scalar's source range (from the `yaml` parser) is spliced, so comments, key
 * order and quoting stay exactly as they were. When kubectl is on PATH, `kubectl set image
 * --local -o json` computes the same change independently and the two must agree (kubectl's own
 * output is not written back: it drops comments and reorders keys).
 */
export function setImage(
  root: string,
  env: string,
  appName: string,
  tag: string,
  options: { kubectl?: string | false } = {},
): ImageChange[] {
  if (!(ENVIRONMENTS as readonly string[]).includes(env))
    throw new Error(`unknown environment ${env}`)
  const app = requireApp(appName)
  if (environmentOfTag(tag) !== env)
    throw new Error(`bad tag ${tag}: expected an immutable ${env}-<git sha>, e.g. ${env}-0541305`)
  const kubectl = options.kubectl ?? (hasKubectl() ? 'kubectl' : false)

  const changes: ImageChange[] = []
  for (const file of listManifestFiles(root, [env])) {
    if (file.file.endsWith('.enc.yaml')) continue
    const edits: Edit[] = []
    const expected: { doc: number; object: unknown }[] = []
    parseAllDocuments(file.text).forEach((doc, index) => {
      if (doc.errors.length > 0) throw new Error(`${file.file}: ${doc.errors[0]!.message}`)
      const found = imageEdits(doc, app.repository, tag)
      if (found.length === 0) return
      edits.push(...found.map((f) => f.edit))
      changes.push(...found.map((f) => ({ file: file.file, from: f.from, to: f.to })))
      if (kubectl) {
        const pairs = found.map((f) => `${f.container}=${f.to}`)
        expected.push({
          doc: index,
          object: kubectlSetImage(kubectl, doc.toJS() as KubeObject, pairs),
        })
      }
    })
    if (edits.length === 0) continue
    const text = applyEdits(file.text, edits)
    for (const { doc, object } of expected) {
      const mine = parseAllDocuments(text)[doc] as Document.Parsed
      if (!isDeepStrictEqual(imagesOf(mine.toJS() as KubeObject), imagesOf(object as KubeObject)))
        throw new Error(`${file.file}: the edit and kubectl set image disagree; nothing written`)
    }
    writeFileSync(join(root, file.file), text)
  }
  if (changes.length === 0) throw new Error(`no ${app.repository} image in k8s/${env}/`)
  return changes
}

function imageEdits(doc: Document.Parsed, repository: string, tag: string) {
  const kind = doc.get('kind')
  const template = typeof kind === 'string' ? TEMPLATE_PATHS[kind] : undefined
  if (!template) return []
  const base = [...template, 'spec']
  const found: { edit: Edit; from: string; to: string; container: string }[] = []
  for (const list of ['initContainers', 'containers']) {
    const containers = doc.getIn([...base, list]) as { items?: unknown[] } | undefined
    containers?.items?.forEach((_, i) => {
      const node = doc.getIn([...base, list, i, 'image'], true) as
        { value?: unknown; range?: [number, number, number] } | undefined
      const name = doc.getIn([...base, list, i, 'name'])
      if (typeof node?.value !== 'string' || !node.range || typeof name !== 'string') return
      if (!runsRepository({ name, image: node.value }, repository)) return
      const to = formatImage({ repository: parseImage(node.value).repository, tag })
      found.push({
        edit: { start: node.range[0], end: node.range[1], text: to },
        from: node.value,
        to,
        container: name,
      })
    })
  }
  return found
}

/** Replaces each image in place: the source slice keeps its quotes, only the reference changes. */
function applyEdits(text: string, edits: Edit[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const source = result.slice(edit.start, edit.end)
    const quote = source[0] === '"' || source[0] === "'" ? source[0] : ''
    result = result.slice(0, edit.start) + quote + edit.text + quote + result.slice(edit.end)
  }
  return result
}

function imagesOf(object: KubeObject): (string | undefined)[] {
  const template = podTemplate(object)
  return template ? allContainers(template.spec).map((c) => c.image) : []
}

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function kubectlSetImage(kubectl: string, object: KubeObject, pairs: string[]): unknown {
  const output = execFileSync(
    kubectl,
    ['set', 'image', '--local', '-f', '-', '-o', 'json', ...pairs],
    {
      input: JSON.stringify(object),
      encoding: 'utf8',
    },
  )
  return JSON.parse(output)
}
