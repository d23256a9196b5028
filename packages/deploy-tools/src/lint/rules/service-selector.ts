import { isAddonRender } from '../../addons.ts'
import { allContainers, labelsMatch, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

interface ServiceSpec {
  selector?: Record<string, string>
  ports?: { name?: string; port: number; targetPort?: string | number }[]
}

export const serviceSelectorRule: Rule = {
  id: 'service-selector',
  description:
    "every Service selects a workload's pods in its folder and targets a port they declare",
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, [...context.envs, 'local', 'cluster'])
    for (const manifest of manifests) {
      if (manifest.object.kind !== 'Service') continue
      const spec = manifest.object.spec as ServiceSpec
      const targets = workloads(manifests).filter(
        (w) =>
          w.manifest.folder === manifest.folder &&
          labelsMatch(spec.selector, w.template.metadata?.labels),
      )
      if (targets.length === 0) {
        findings.push(
          finding(
            manifest,
            'service-selector',
            `selector ${JSON.stringify(spec.selector ?? {})} matches no pod template in ${manifest.folder}/`,
            "copy the Deployment's pod labels into spec.selector",
          ),
        )
        continue
      }
      // A chart's Service may name a numeric port its containers leave undeclared (botkube's
      // webhook, Datadog's trace port): that works, and the render stays the chart's.
      if (isAddonRender(manifest.file)) continue
      const ports = targets.flatMap((t) =>
        allContainers(t.template.spec).flatMap((c) => c.ports ?? []),
      )
      for (const port of spec.ports ?? []) {
        const target = port.targetPort ?? port.port
        if (!ports.some((p) => p.name === target || p.containerPort === target))
          findings.push(
            finding(
              manifest,
              'service-selector',
              `targetPort ${target} is not a port declared by the selected containers`,
              'use the name of a containerPort (e.g. http)',
            ),
          )
      }
    }
    return findings
  },
}
