import {
  allContainers,
  envValue,
  mountAt,
  runsRepository,
  workloads,
  type Container,
  type Volume,
} from '../../pods.ts'
import { WRITABLE_PATHS } from '../../writable-paths.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/** Volumes a container can write to (configMap, secret, projected and downwardAPI never are). */
function writable(volume: Volume | undefined): boolean {
  return Boolean(
    volume?.emptyDir ??
    volume?.hostPath ??
    (volume?.persistentVolumeClaim && !volume.persistentVolumeClaim.readOnly),
  )
}

/** Whether the deepest mount at or above `path` is writable. */
function writableAt(
  container: Container,
  path: string,
  volumes: Map<string, Volume>,
  claimTemplates: Set<string>,
): boolean {
  const mount = mountAt(container, path)
  if (!mount || mount.readOnly) return false
  return claimTemplates.has(mount.name) || writable(volumes.get(mount.name))
}

/**
 * A read-only root filesystem is only safe when every path the image writes to is a writable
 * volume: otherwise the first write fails at run time (botkube's plugin cache, Datadog's run
 * folder). The paths are declared per image in src/writable-paths.ts; an image with a read-only
 * root and no declaration is a finding too.
 */
export const writableVolumesRule: Rule = {
  id: 'writable-volumes',
  description:
    'a container with a read-only root mounts a writable volume at every path its image writes to (src/writable-paths.ts)',
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, [...context.envs, 'local', 'cluster'])
    for (const { manifest, template } of workloads(manifests)) {
      const volumes = new Map((template.spec.volumes ?? []).map((v) => [v.name, v]))
      const claims = (
        manifest.object.spec as { volumeClaimTemplates?: { metadata: { name: string } }[] }
      ).volumeClaimTemplates
      const claimTemplates = new Set((claims ?? []).map((c) => c.metadata.name))
      for (const c of allContainers(template.spec)) {
        if (c.securityContext?.readOnlyRootFilesystem !== true) continue
        const declared = WRITABLE_PATHS.find((w) => runsRepository(c, w.repository))
        if (!declared) {
          findings.push(
            finding(
              manifest,
              'writable-volumes',
              `container ${c.name}: nothing says where ${c.image} writes, and its root is read-only`,
              'declare its image and paths in packages/deploy-tools/src/writable-paths.ts',
            ),
          )
          continue
        }
        const paths = [
          ...declared.paths,
          ...(declared.pathVariables ?? []).flatMap((name) => envValue(c, name) ?? []),
        ]
        for (const path of paths.filter((p) => !writableAt(c, p, volumes, claimTemplates)))
          findings.push(
            finding(
              manifest,
              'writable-volumes',
              `container ${c.name}: ${c.image} writes to ${path} (${declared.source}), which is read-only here`,
              `mount an emptyDir (or the claim it belongs on) at ${path}`,
            ),
          )
      }
    }
    return findings
  },
}
