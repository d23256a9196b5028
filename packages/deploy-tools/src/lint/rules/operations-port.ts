import { NODE_SERVICE_PORTS } from '../../plan.ts'
import { appDeployments, envValue, labelsMatch } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

interface ServiceSpec {
  selector?: Record<string, string>
  ports?: { port: number; targetPort?: string | number }[]
}

const { ops } = NODE_SERVICE_PORTS

/**
 * /metrics and /docs answer on the operations port only, which must stay off the ALB: each node
 * service's container declares it (named `ops`), tells the app (OPS_PORT), and no Service
 * targets it, by name or by number.
 */
export const operationsPortRule: Rule = {
  id: 'operations-port',
  description: `node services listen for /metrics on port ops (${ops}, OPS_PORT), which no Service targets`,
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, [...context.envs, 'local'])
    const services = appDeployments(manifests, ['node-service'])
    for (const { manifest, template } of services) {
      const name = manifest.object.metadata.name
      const container = template.spec.containers.find((c) => c.name === name)
      const declared = container?.ports?.find((p) => p.name === 'ops')?.containerPort
      const told = container && envValue(container, 'OPS_PORT')
      if (declared !== ops || told !== String(ops)) {
        findings.push(
          finding(
            manifest,
            'operations-port',
            `container ${name}: ops port ${declared ?? 'missing'}, OPS_PORT ${told ?? 'unset'}; the plan says ${ops}`,
            `declare ports: [{name: ops, containerPort: ${ops}}] and env OPS_PORT: '${ops}'`,
          ),
        )
      }
    }
    for (const manifest of manifests) {
      if (manifest.object.kind !== 'Service') continue
      const spec = manifest.object.spec as ServiceSpec
      const selectsNodeService = services.some(
        (w) =>
          w.manifest.folder === manifest.folder &&
          labelsMatch(spec.selector, w.template.metadata?.labels),
      )
      if (!selectsNodeService) continue
      for (const port of spec.ports ?? []) {
        const target = port.targetPort ?? port.port
        if (target === 'ops' || target === ops) {
          findings.push(
            finding(
              manifest,
              'operations-port',
              `the Service targets the operations port (${target}): /metrics and /docs would reach the ALB`,
              'target the http port only; Datadog scrapes the pod directly',
            ),
          )
        }
      }
    }
    return findings
  },
}
