import { isDeepStrictEqual } from 'node:util'
import type { KubeObject, Manifest } from '../../manifests.ts'
import { parseImage } from '../../image.ts'
import { allContainers, podTemplate } from '../../pods.ts'
import { finding, type Finding, type Rule } from '../types.ts'

/** Objects that exist only in some environments, compared with each other instead of with dev. */
const ENV_ONLY: Record<string, string[]> = {
  'CronJob/migrate-data': ['stg', 'prd'],
  'ConfigMap/migrate-data-config': ['stg', 'prd'],
}

/**
 * The object with everything an environment may change blanked out: images' tags, replicas,
 * resources, HPA bounds, NodePorts (the node-port rule checks them against the plan), ConfigMap
 * values, Secrets, and two switches that are per environment by nature: the IAM role of a
 * ServiceAccount and a CronJob's `suspend`. What is left must be identical.
 */
export function normalize(object: KubeObject): unknown {
  const o = structuredClone(object) as KubeObject &
    Record<string, Record<string, unknown> | undefined>
  delete o.metadata.namespace
  const spec = o.spec
  if (o.kind === 'ConfigMap' && o.data)
    o.data = Object.fromEntries(Object.keys(o.data).map((k) => [k, '']))
  if (o.kind === 'Secret') delete o.data
  if (o.kind === 'ServiceAccount' && o.metadata.annotations?.['eks.amazonaws.com/role-arn'])
    o.metadata.annotations['eks.amazonaws.com/role-arn'] = ''
  if (o.kind === 'HorizontalPodAutoscaler' && spec) {
    delete spec.minReplicas
    delete spec.maxReplicas
  }
  if (o.kind === 'Service')
    for (const port of (spec?.ports as { nodePort?: number }[] | undefined) ?? [])
      delete port.nodePort
  if (o.kind === 'CronJob') delete spec?.suspend
  if (spec && 'replicas' in spec) delete spec.replicas
  const template = podTemplate(o)
  if (template) {
    for (const c of allContainers(template.spec)) {
      if (c.image) c.image = parseImage(c.image).repository
      delete c.resources
    }
  }
  return o
}

function differences(a: unknown, b: unknown, path = ''): string[] {
  if (isDeepStrictEqual(a, b)) return []
  if (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    return keys.flatMap((k) =>
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    )
  }
  return [
    `${path.slice(1) || '(whole object)'}: ${JSON.stringify(a) ?? 'absent'} vs ${JSON.stringify(b) ?? 'absent'}`,
  ]
}

const id = (m: Manifest) => `${m.object.kind}/${m.object.metadata.name}`

/** stg and prd are dev with other images, sizes and settings; any other difference is drift. */
export const driftRule: Rule = {
  id: 'drift',
  description:
    'stg/prd differ from dev only in images, replicas, resources, HPA bounds, NodePorts, ConfigMap values, Secrets',
  check(context) {
    const findings: Finding[] = []
    if (!context.envs.includes('dev') || context.envs.length < 2) return findings
    const byEnv = (env: string) =>
      new Map(context.tree.manifests.filter((m) => m.folder === env).map((m) => [id(m), m]))
    const dev = byEnv('dev')
    for (const env of context.envs.filter((e) => e !== 'dev')) {
      const current = byEnv(env)
      const names = new Set([...dev.keys(), ...current.keys()])
      for (const name of names) {
        const envOnly = ENV_ONLY[name]
        if (envOnly && !envOnly.includes(env)) continue
        const reference = envOnly ? envOnly[0]! : 'dev'
        if (reference === env) continue
        const base = envOnly ? byEnv(reference).get(name) : dev.get(name)
        const other = current.get(name)
        if (!other) {
          if (base)
            findings.push(
              finding(
                base,
                'drift',
                `exists in ${reference}/ but not in ${env}/`,
                `add it to ${env}/ (or to the environment-only list of the drift rule)`,
              ),
            )
          continue
        }
        if (!base) {
          findings.push(
            finding(
              other,
              'drift',
              `exists in ${env}/ but not in ${reference}/`,
              `add it to ${reference}/ too, or list it as environment-only in the drift rule`,
            ),
          )
          continue
        }
        const diff = differences(normalize(base.object), normalize(other.object))
        if (diff.length > 0)
          findings.push(
            finding(
              other,
              'drift',
              `differs from ${reference}/ beyond what environments may change: ${diff.slice(0, 3).join('; ')}`,
              `make ${other.file} match ${base.file} there`,
            ),
          )
      }
    }
    return findings
  },
}
