import { allContainers, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

export const resourcesRule: Rule = {
  id: 'resources',
  description: 'every container has cpu and memory requests and limits',
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of workloads(
      inFolders(context, [...context.envs, 'local']),
    )) {
      for (const c of allContainers(template.spec)) {
        for (const kind of ['requests', 'limits'] as const) {
          const missing = ['cpu', 'memory'].filter((r) => c.resources?.[kind]?.[r] === undefined)
          if (missing.length > 0)
            findings.push(
              finding(
                manifest,
                'resources',
                `container ${c.name}: no ${kind}.${missing.join(', ')}`,
                `set resources.${kind}.${missing[0]}`,
              ),
            )
        }
      }
    }
    return findings
  },
}
