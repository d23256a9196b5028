import { appDeployments, labelsMatch } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

export const topologySpreadRule: Rule = {
  id: 'topology-spread',
  description: 'app Deployments spread their own pods across zones',
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of appDeployments(inFolders(context, context.envs), [
      'node-service',
      'web',
    ])) {
      const spread = template.spec.topologySpreadConstraints ?? []
      const ok = spread.some(
        (t) =>
          t.topologyKey === 'topology.kubernetes.io/zone' &&
          labelsMatch(t.labelSelector?.matchLabels, template.metadata?.labels),
      )
      if (!ok)
        findings.push(
          finding(
            manifest,
            'topology-spread',
            'no topologySpreadConstraint on topology.kubernetes.io/zone selecting its own pods',
            'copy topologySpreadConstraints from k8s/dev/console-api.yaml',
          ),
        )
    }
    return findings
  },
}
