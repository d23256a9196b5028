import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/** The API the HorizontalPodAutoscaler controller reads CPU and memory from. */
const RESOURCE_METRICS_API = 'v1beta1.metrics.k8s.io'

interface ApiServiceSpec {
  service?: { name: string; namespace: string }
}

/**
 * An HPA scales on nothing unless something serves the resource metrics API, and EKS installs
 * nothing that does: cluster/ must register it (metrics-server) with a Service that exists.
 */
export const metricsSourceRule: Rule = {
  id: 'metrics-source',
  description: `HPAs have a metrics source: cluster/ registers ${RESOURCE_METRICS_API} (metrics-server)`,
  check(context) {
    const findings: Finding[] = []
    const hpas = inFolders(context, [...context.envs, 'local']).filter(
      (m) => m.object.kind === 'HorizontalPodAutoscaler',
    )
    if (hpas.length === 0) return findings
    const cluster = inFolders(context, ['cluster'])
    const api = cluster.find(
      (m) => m.object.kind === 'APIService' && m.object.metadata.name === RESOURCE_METRICS_API,
    )
    const service = (api?.object.spec as ApiServiceSpec | undefined)?.service
    const served =
      service !== undefined &&
      cluster.some(
        (m) =>
          m.object.kind === 'Service' &&
          m.object.metadata.name === service.name &&
          m.object.metadata.namespace === service.namespace,
      )
    if (!served)
      findings.push(
        finding(
          api ?? hpas[0]!,
          'metrics-source',
          api
            ? `APIService ${RESOURCE_METRICS_API} points at a Service that cluster/ does not have`
            : `no APIService ${RESOURCE_METRICS_API} in cluster/: this HPA would never scale`,
          'apply metrics-server (k8s/cluster/metrics-server)',
        ),
      )
    return findings
  },
}
