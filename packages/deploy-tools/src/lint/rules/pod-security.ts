import { allContainers, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

const HINT = 'copy the securityContext block of k8s/dev/console-api.yaml'

/** The Pod Security "restricted" profile, plus a read-only root filesystem. */
export const podSecurityRule: Rule = {
  id: 'pod-security',
  description:
    'runAsNonRoot, seccomp RuntimeDefault, no privilege escalation, drop ALL, read-only root',
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of workloads(
      inFolders(context, [...context.envs, 'local']),
    )) {
      const spec = template.spec
      const report = (message: string) =>
        findings.push(finding(manifest, 'pod-security', message, HINT))
      for (const c of allContainers(spec)) {
        const sc = c.securityContext ?? {}
        if ((sc.runAsNonRoot ?? spec.securityContext?.runAsNonRoot) !== true)
          report(`container ${c.name}: runAsNonRoot is not true`)
        if ((sc.seccompProfile ?? spec.securityContext?.seccompProfile)?.type !== 'RuntimeDefault')
          report(`container ${c.name}: seccompProfile is not RuntimeDefault`)
        if (sc.allowPrivilegeEscalation !== false)
          report(`container ${c.name}: allowPrivilegeEscalation is not false`)
        if (!sc.capabilities?.drop?.includes('ALL'))
          report(`container ${c.name}: capabilities.drop lacks ALL`)
        // Where the image still writes is the writable-volumes rule's.
        if (sc.readOnlyRootFilesystem !== true)
          report(`container ${c.name}: readOnlyRootFilesystem is not true`)
      }
    }
    return findings
  },
}
