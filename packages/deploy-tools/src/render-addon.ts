import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, parseAllDocuments, type YAMLMap } from 'yaml'
import { CLUSTER_SCOPED, renderCommand, renderHeader, VALUES_FILE, type Addon } from './addons.ts'

export interface RenderOptions {
  /** A local copy of the chart or kustomization at the pinned version (offline machines). */
  from?: string
  /** Runs the tool and returns its standard output; tests pass a fake. */
  exec?: (command: string, args: string[], cwd: string) => string
}

const runTool = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })

/**
 * Renders one add-on into k8s/cluster/<name>/<output>: the tool's output byte for byte, after a
 * header naming the command and the values' hash, with `namespace:` added where helm leaves it to
 * `helm install` (kubectl applies what the file says). Returns the path written.
 */
export function renderAddon(k8s: string, addon: Addon, options: RenderOptions = {}): string {
  const folder = join(k8s, 'cluster', addon.name)
  const valuesPath = join(folder, VALUES_FILE)
  const values = addon.render.tool === 'helm' ? readFileSync(valuesPath, 'utf8') : undefined
  const [command = '', ...args] = renderCommand(addon, VALUES_FILE, options.from)
  const output = (options.exec ?? runTool)(command, args, folder)
  const path = join(folder, addon.output)
  writeFileSync(path, renderHeader(addon, values) + withNamespace(output, addon.namespace))
  return path
}

/** `namespace: <ns>` after `metadata.name` of every namespaced object that has none. */
export function withNamespace(text: string, namespace: string): string {
  const inserts: { at: number; line: string }[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`the render is not YAML: ${doc.errors[0]!.message}`)
    const root = doc.contents
    if (!isMap(root)) continue
    const kind = root.get('kind')
    const metadata = root.get('metadata')
    if (typeof kind !== 'string' || CLUSTER_SCOPED.has(kind) || !isMap(metadata)) continue
    if ((metadata as YAMLMap).has('namespace')) continue
    const name = (metadata as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === 'name')
    const keyStart = isScalar(name?.key) ? name.key.range?.[0] : undefined
    const valueEnd = isScalar(name?.value) ? name.value.range?.[1] : undefined
    if (keyStart === undefined || valueEnd === undefined)
      throw new Error(`${kind} without a plain metadata.name: can't place its namespace`)
    const lineStart = text.lastIndexOf('\n', keyStart) + 1
    const lineEnd = text.indexOf('\n', valueEnd)
    inserts.push({
      at: lineEnd === -1 ? text.length : lineEnd,
      line: `\n${' '.repeat(keyStart - lineStart)}namespace: ${namespace}`,
    })
  }
  let result = text
  for (const { at, line } of inserts.sort((a, b) => b.at - a.at))
    result = result.slice(0, at) + line + result.slice(at)
  return result
}
