import { ANALYTICS_ROOT, FLUENTD_STATE_DIR, requireApp } from '../../plan.ts'
import {
  allContainers,
  appDeployments,
  envValue,
  envVar,
  runsRepository,
  type Container,
} from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

const FLUENTD = requireApp('fluentd')
const isFluentd = (c: Container) => runsRepository(c, FLUENTD.repository)

/**
 * The analytics path of ARCHITECTURE.md: the app writes under the EFS root (ReadWriteMany), the fluentd
 * sidecar of the same pod reads it read-only, keeps its pos file and buffer on a local emptyDir,
 * knows its pod name, bucket and region.
 */
export const fluentdRule: Rule = {
  id: 'fluentd',
  description:
    'API pods carry the fluentd sidecar: EFS read-only, emptyDir state, POD_NAME, bucket, region',
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, context.envs)
    for (const { manifest, template } of appDeployments(manifests, ['node-service'])) {
      const report = (message: string, hint: string) =>
        findings.push(finding(manifest, 'fluentd', message, hint))
      const volumes = new Map((template.spec.volumes ?? []).map((v) => [v.name, v]))
      const app = template.spec.containers.find((c) => c.name === manifest.object.metadata.name)
      const appMount = app?.volumeMounts?.find((m) => m.mountPath === ANALYTICS_ROOT)
      const claim = appMount && volumes.get(appMount.name)?.persistentVolumeClaim?.claimName
      if (!app || !appMount || !claim) {
        report(
          `the app container does not mount a PersistentVolumeClaim at ${ANALYTICS_ROOT}`,
          'mount the analytics PVC there',
        )
        continue
      }
      if (envValue(app, 'ANALYTICS_LOG_DIR') !== ANALYTICS_ROOT)
        report(
          `the app container's ANALYTICS_LOG_DIR is not ${ANALYTICS_ROOT}`,
          `set ANALYTICS_LOG_DIR=${ANALYTICS_ROOT}`,
        )
      const pvc = manifests.find(
        (m) =>
          m.folder === manifest.folder &&
          m.object.kind === 'PersistentVolumeClaim' &&
          m.object.metadata.name === claim,
      )
      const modes = (pvc?.object.spec as { accessModes?: string[] } | undefined)?.accessModes ?? []
      if (pvc && !modes.includes('ReadWriteMany'))
        report(
          `PVC ${claim} is not ReadWriteMany (pods in several zones share it)`,
          'accessModes: [ReadWriteMany], storageClassName: efs-analytics',
        )

      const sidecar = allContainers(template.spec).find(isFluentd)
      if (!sidecar) {
        report(
          `no fluentd sidecar (${FLUENTD.repository} image)`,
          'add the fluentd native sidecar of k8s/dev/console-api.yaml',
        )
        continue
      }
      const mounts = sidecar.volumeMounts ?? []
      const logs = mounts.find((m) => m.mountPath === ANALYTICS_ROOT)
      if (logs?.name !== appMount.name || logs.readOnly !== true)
        report(
          `fluentd does not mount the app's analytics volume read-only at ${ANALYTICS_ROOT}`,
          'readOnly: true on that volumeMount',
        )
      const state = mounts.find((m) => m.mountPath === FLUENTD_STATE_DIR)
      if (!state || !volumes.get(state.name)?.emptyDir)
        report(
          `fluentd has no emptyDir at ${FLUENTD_STATE_DIR} for its pos file and buffer`,
          'never keep them on EFS',
        )
      if (envVar(sidecar, 'POD_NAME')?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name')
        report(
          'fluentd has no POD_NAME from the downward API',
          'valueFrom.fieldRef.fieldPath: metadata.name',
        )
      if (envValue(sidecar, 'ANALYTICS_LOG_DIR') !== ANALYTICS_ROOT)
        report(
          `fluentd's ANALYTICS_LOG_DIR is not ${ANALYTICS_ROOT}`,
          `set ANALYTICS_LOG_DIR=${ANALYTICS_ROOT}`,
        )
      for (const name of ['S3_BUCKET', 'AWS_REGION']) {
        const from = envVar(sidecar, name)?.valueFrom
        if (!from?.configMapKeyRef && !from?.secretKeyRef)
          report(
            `fluentd's ${name} does not come from the ConfigMap or Secret`,
            `set ${name} with valueFrom.configMapKeyRef`,
          )
      }
    }
    return findings
  },
}
