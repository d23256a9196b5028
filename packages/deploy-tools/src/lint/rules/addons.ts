import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ADDONS,
  CLUSTER_SCOPED,
  headerFacts,
  renderCommand,
  renderPath,
  sha256,
  VALUES_FILE,
} from '../../addons.ts'
import type { Finding, Rule } from '../types.ts'

/**
 * Each cluster add-on is committed as its render, made by `pnpm k8s render-addon` from the pinned
 * chart or release and the values beside it: the header must name the pinned command, the
 * values must be the ones rendered, and every namespaced object must say its namespace.
 */
export const addonsRule: Rule = {
  id: 'addons',
  description:
    'each k8s/cluster add-on is the render of its pinned chart/release with the values beside it',
  check({ tree }) {
    const findings: Finding[] = []
    for (const addon of ADDONS) {
      const file = renderPath(addon)
      const report = (message: string, object = '-') =>
        findings.push({
          file,
          object,
          rule: 'addons',
          message,
          hint: `pnpm k8s render-addon ${addon.name} (k8s/cluster/${addon.name}/README.md)`,
        })
      const rendered = tree.files.find((f) => f.file === file)
      if (!rendered) {
        if (tree.files.some((f) => f.folder === 'cluster')) report('the render is missing')
        continue
      }
      const facts = headerFacts(rendered.text)
      const command = renderCommand(addon, VALUES_FILE).join(' ')
      if (facts.command !== command)
        report(`its header says it was rendered by \`${facts.command}\`, the pin is \`${command}\``)
      const valuesPath = join(tree.root, 'cluster', addon.name, VALUES_FILE)
      if (addon.render.tool === 'helm') {
        const values = existsSync(valuesPath) ? readFileSync(valuesPath, 'utf8') : undefined
        if (values === undefined) report(`no ${VALUES_FILE} beside it`)
        else if (facts.valuesSha256 !== sha256(values))
          report(`${VALUES_FILE} changed since it was rendered`)
      }
      for (const { object } of tree.manifests.filter((m) => m.file === file)) {
        if (!CLUSTER_SCOPED.has(object.kind) && !object.metadata.namespace)
          report(
            `no namespace (kubectl would apply it to the current one)`,
            `${object.kind}/${object.metadata.name}`,
          )
      }
    }
    return findings
  },
}
