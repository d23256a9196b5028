import type { Manifest } from '../../manifests.ts'
import { DEMO_DATA_FOLDERS } from '../../plan.ts'
import { allContainers, envVar, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

const VARIABLE = 'SEED_DEMO_DATA'

/**
 * The demo tenant has a published password (README.md): an environment outside dev and minikube
 * that seeded it would let anyone log in. Its value may come from a ConfigMap of the folder, where
 * the finding then points.
 */
export const demoDataRule: Rule = {
  id: 'demo-data',
  description: `${VARIABLE} is true only in ${DEMO_DATA_FOLDERS.join(' and ')}: stg and prd never seed the demo tenant`,
  check(context) {
    const findings: Finding[] = []
    const folders = context.envs.filter((f) => !(DEMO_DATA_FOLDERS as string[]).includes(f))
    const manifests = inFolders(context, folders)
    for (const { manifest, template } of workloads(manifests)) {
      for (const c of allContainers(template.spec)) {
        const variable = envVar(c, VARIABLE)
        if (!variable) continue
        const ref = variable.valueFrom?.configMapKeyRef
        const source: Manifest | undefined = ref
          ? manifests.find(
              (m) =>
                m.folder === manifest.folder &&
                m.object.kind === 'ConfigMap' &&
                m.object.metadata.name === ref.name,
            )
          : manifest
        const value = ref
          ? (source?.object.data as Record<string, string> | undefined)?.[ref.key]
          : variable.value
        if (value?.trim().toLowerCase() !== 'true') continue
        findings.push(
          finding(
            source ?? manifest,
            'demo-data',
            `${manifest.object.metadata.name}'s ${VARIABLE} is true${ref ? ` (${ref.key})` : ''}: ${manifest.folder} would get the demo tenant and its published password`,
            `set it to 'false'; the first user comes from the create-user job (k8s/README.md)`,
          ),
        )
      }
    }
    return findings
  },
}
