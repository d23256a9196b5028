import { loadTree } from '../manifests.ts'
import { ENVIRONMENTS, FOLDERS } from '../plan.ts'
import { addonsRule } from './rules/addons.ts'
import { datadogRule } from './rules/datadog.ts'
import { demoDataRule } from './rules/demo-data.ts'
import { drainingRule } from './rules/draining.ts'
import { driftRule } from './rules/drift.ts'
import { fluentdRule } from './rules/fluentd.ts'
import { imageTagRule } from './rules/image-tag.ts'
import { kubesecRule } from './rules/kubesec.ts'
import { metricsSourceRule } from './rules/metrics-source.ts'
import { nodePortRule } from './rules/node-port.ts'
import { operationsPortRule } from './rules/operations-port.ts'
import { podNameRule } from './rules/pod-name.ts'
import { podSecurityRule } from './rules/pod-security.ts'
import { probesRule } from './rules/probes.ts'
import { referencesRule } from './rules/references.ts'
import { resourcesRule } from './rules/resources.ts'
import { routerRule } from './rules/router.ts'
import { schemaRule } from './rules/schema.ts'
import { serviceSelectorRule } from './rules/service-selector.ts'
import { topologySpreadRule } from './rules/topology-spread.ts'
import { writableVolumesRule } from './rules/writable-volumes.ts'
import type { Finding, Rule } from './types.ts'

export type { Finding, Rule } from './types.ts'

export const RULES: readonly Rule[] = [
  schemaRule,
  podSecurityRule,
  writableVolumesRule,
  resourcesRule,
  probesRule,
  podNameRule,
  imageTagRule,
  topologySpreadRule,
  drainingRule,
  datadogRule,
  operationsPortRule,
  fluentdRule,
  nodePortRule,
  serviceSelectorRule,
  referencesRule,
  kubesecRule,
  addonsRule,
  metricsSourceRule,
  demoDataRule,
  routerRule,
  driftRule,
]

/**
 * Lints `root` (the k8s/ folder). With `env`, only that environment (plus cluster/ and local/)
 * is read, and the cross-environment rules (NodePort uniqueness, drift) see only what is read.
 */
export async function lint(root: string, env?: string): Promise<Finding[]> {
  const envs = env ? [env] : [...ENVIRONMENTS]
  const folders = FOLDERS.filter(
    (f) => !(ENVIRONMENTS as readonly string[]).includes(f) || envs.includes(f),
  )
  const tree = loadTree(root, folders)
  const findings: Finding[] = tree.problems.map((p) => ({
    file: p.file,
    object: '-',
    rule: 'yaml',
    message: p.message,
    hint: 'fix the YAML syntax',
  }))
  for (const rule of RULES) findings.push(...(await rule.check({ tree, envs })))
  return findings
}

export function formatFindings(findings: Finding[]): string {
  return findings
    .map((f) => `${f.file}  ${f.object}  [${f.rule}] ${f.message}\n    fix: ${f.hint}\n`)
    .join('')
}
