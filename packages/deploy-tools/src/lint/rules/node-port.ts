import type { Manifest } from '../../manifests.ts'
import { plannedNodePort } from '../../plan.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

interface ServiceSpec {
  type?: string
  ports?: { name?: string; nodePort?: number }[]
}

/**
 * NodePorts are the contract with the ALB's target groups (ARCHITECTURE.md): fixed per environment,
 * unique across environments because dev, stg and prd may share a cluster.
 */
export const nodePortRule: Rule = {
  id: 'node-port',
  description:
    'NodePorts are in 30000-32767, equal to the delivery plan and unique across environments',
  check(context) {
    const findings: Finding[] = []
    const seen = new Map<number, Manifest>()
    for (const manifest of inFolders(context, [...context.envs, 'local'])) {
      if (manifest.object.kind !== 'Service') continue
      const spec = manifest.object.spec as ServiceSpec
      if (spec.type !== 'NodePort') continue
      const planned = plannedNodePort(manifest.folder, manifest.object.metadata.name)
      for (const port of spec.ports ?? []) {
        const report = (message: string, hint: string) =>
          findings.push(finding(manifest, 'node-port', message, hint))
        const nodePort = port.nodePort
        if (nodePort === undefined) {
          report(
            'NodePort Service without a fixed nodePort (the ALB target group needs one)',
            `set nodePort: ${planned ?? '<from the plan>'}`,
          )
          continue
        }
        if (nodePort < 30000 || nodePort > 32767)
          report(`nodePort ${nodePort} is outside 30000-32767`, 'use the port from the plan')
        if (planned === undefined)
          report(
            `no NodePort is planned for ${manifest.object.metadata.name}`,
            'add it to the plan (deploy-tools plan.ts; ARCHITECTURE.md lists the ports) or use ClusterIP',
          )
        else if (nodePort !== planned)
          report(
            `nodePort ${nodePort} differs from the plan (${planned})`,
            `set nodePort: ${planned}`,
          )
        // local/ (minikube) reuses dev's ports by design: it never shares a cluster with dev.
        if (manifest.folder === 'local') continue
        const other = seen.get(nodePort)
        if (other)
          report(
            `nodePort ${nodePort} is also used by ${other.file}`,
            'each environment has its own range (dev 300xx, stg 301xx, prd 302xx)',
          )
        else seen.set(nodePort, manifest)
      }
    }
    return findings
  },
}
