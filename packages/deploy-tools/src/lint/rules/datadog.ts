import { NODE_SERVICE_PORTS } from '../../plan.ts'
import { appDeployments } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

interface OpenMetricsCheck {
  openmetrics?: { instances?: { openmetrics_endpoint?: string }[] }
}

/** Node services expose Prometheus metrics; the Datadog agent finds them through pod annotations. */
export const datadogRule: Rule = {
  id: 'datadog',
  description:
    'Node service pods carry the Datadog openmetrics annotation for /metrics on their ops port',
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of appDeployments(inFolders(context, context.envs), [
      'node-service',
    ])) {
      const name = manifest.object.metadata.name
      const port = NODE_SERVICE_PORTS.ops
      const key = `ad.datadoghq.com/${name}.checks`
      const expected = `http://%%host%%:${port}/metrics`
      const report = (message: string) =>
        findings.push(
          finding(
            manifest,
            'datadog',
            message,
            `annotate the pod template: ${key}: {"openmetrics": {"instances": [{"openmetrics_endpoint": "${expected}"}]}}`,
          ),
        )
      const text = template.metadata?.annotations?.[key]
      if (text === undefined) {
        report(`no ${key} annotation`)
        continue
      }
      let check: OpenMetricsCheck
      try {
        check = JSON.parse(text) as OpenMetricsCheck
      } catch {
        report(`${key} is not JSON`)
        continue
      }
      if (!check.openmetrics?.instances?.some((i) => i.openmetrics_endpoint === expected))
        report(`${key} has no openmetrics instance for ${expected}`)
    }
    return findings
  },
}
