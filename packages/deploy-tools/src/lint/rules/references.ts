import type { Manifest } from '../../manifests.ts'
import { allContainers, labelsMatch, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/**
 * What a pod names must be applied with it: ConfigMaps (and their keys), Secrets (and their
 * keys), PersistentVolumeClaims and ServiceAccounts in the same folder; HPAs and PDBs must point
 * at a workload of the folder (cluster/ included). In local/ the Secret is created by hand (k8s/README.md), so
 * Secret references are not checked there.
 */
export const referencesRule: Rule = {
  id: 'references',
  description:
    'ConfigMaps, Secrets (and their keys), PVCs, ServiceAccounts and HPA/PDB targets exist in the folder',
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, [...context.envs, 'local', 'cluster'])
    const find = (folder: string, kind: string, name: string) =>
      manifests.find(
        (m) => m.folder === folder && m.object.kind === kind && m.object.metadata.name === name,
      )
    const keysOf = (m: Manifest) =>
      Object.keys((m.object.data as Record<string, unknown> | undefined) ?? {})

    for (const { manifest, template } of workloads(manifests)) {
      const { folder } = manifest
      const report = (message: string, hint: string) =>
        findings.push(finding(manifest, 'references', message, hint))
      const need = (kind: string, name: string, key?: string) => {
        if (kind === 'Secret' && folder === 'local') return
        const target = find(folder, kind, name)
        if (!target)
          report(
            `${kind} ${name} does not exist in ${folder}/`,
            `add ${kind} ${name} to ${folder}/ or fix the name`,
          )
        else if (key !== undefined && !keysOf(target).includes(key))
          report(`${kind} ${name} has no key ${key}`, `add ${key} to ${target.file}`)
      }
      for (const c of allContainers(template.spec)) {
        for (const e of c.env ?? []) {
          const cm = e.valueFrom?.configMapKeyRef
          if (cm) need('ConfigMap', cm.name, cm.key)
          const secret = e.valueFrom?.secretKeyRef
          if (secret) need('Secret', secret.name, secret.key)
        }
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) need('ConfigMap', from.configMapRef.name)
          if (from.secretRef) need('Secret', from.secretRef.name)
        }
      }
      for (const v of template.spec.volumes ?? []) {
        if (v.configMap) need('ConfigMap', v.configMap.name)
        if (v.secret) need('Secret', v.secret.secretName)
        if (v.persistentVolumeClaim)
          need('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)
      }
      const account = template.spec.serviceAccountName
      if (account && account !== 'default') need('ServiceAccount', account)
    }

    for (const manifest of manifests) {
      const spec = manifest.object.spec as Record<string, unknown> | undefined
      if (manifest.object.kind === 'HorizontalPodAutoscaler') {
        const ref = spec?.scaleTargetRef as { kind: string; name: string }
        if (!find(manifest.folder, ref.kind, ref.name))
          findings.push(
            finding(
              manifest,
              'references',
              `scaleTargetRef ${ref.kind}/${ref.name} does not exist in ${manifest.folder}/`,
              'point it at the Deployment it scales',
            ),
          )
      }
      if (manifest.object.kind === 'PodDisruptionBudget') {
        const selector = (spec?.selector as { matchLabels?: Record<string, string> } | undefined)
          ?.matchLabels
        const matched = workloads(manifests).some(
          (w) =>
            w.manifest.folder === manifest.folder &&
            labelsMatch(selector, w.template.metadata?.labels),
        )
        if (!matched)
          findings.push(
            finding(
              manifest,
              'references',
              `selector ${JSON.stringify(selector ?? {})} matches no pod template`,
              "use the workload's pod labels",
            ),
          )
      }
    }
    return findings
  },
}
