import { envVar, isNativeSidecar, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/** Analytics files are per pod and logs name their pod: every main container knows POD_NAME. */
export const podNameRule: Rule = {
  id: 'pod-name',
  description: 'every main container gets POD_NAME from the downward API',
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of workloads(inFolders(context, context.envs))) {
      for (const c of template.spec.containers.filter((c) => !isNativeSidecar(c))) {
        const env = envVar(c, 'POD_NAME')
        if (env?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name')
          findings.push(
            finding(
              manifest,
              'pod-name',
              `container ${c.name}: no POD_NAME from metadata.name`,
              'env POD_NAME valueFrom.fieldRef.fieldPath: metadata.name',
            ),
          )
      }
    }
    return findings
  },
}
