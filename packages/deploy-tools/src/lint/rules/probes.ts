import { HEALTH_PATHS } from '../../plan.ts'
import { appDeployments, isNativeSidecar, type Container, type Probe } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

function declaresPort(container: Container, port: string | number): boolean {
  return (container.ports ?? []).some((p) => p.name === port || p.containerPort === port)
}

export const probesRule: Rule = {
  id: 'probes',
  description: `every app container has liveness GET ${HEALTH_PATHS.liveness} and readiness GET ${HEALTH_PATHS.readiness} on a declared port`,
  check(context) {
    const findings: Finding[] = []
    const deployments = appDeployments(inFolders(context, [...context.envs, 'local']), [
      'node-service',
      'web',
    ])
    for (const { manifest, template } of deployments) {
      for (const c of template.spec.containers.filter((c) => !isNativeSidecar(c))) {
        const check = (probe: Probe | undefined, kind: string, path: string) => {
          const get = probe?.httpGet
          if (get?.path !== path || !declaresPort(c, get.port))
            findings.push(
              finding(
                manifest,
                'probes',
                `container ${c.name}: ${kind} is not GET ${path} on a declared port`,
                `set ${kind}.httpGet: {path: ${path}, port: http}`,
              ),
            )
        }
        check(c.livenessProbe, 'livenessProbe', HEALTH_PATHS.liveness)
        check(c.readinessProbe, 'readinessProbe', HEALTH_PATHS.readiness)
      }
    }
    return findings
  },
}
