import { DIGEST_PATTERN, environmentOfTag, REGISTRY } from '../../plan.ts'
import { parseImage } from '../../image.ts'
import { allContainers, workloads } from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/**
 * Environments run ECR images by immutable tag `<env>-<sha>` with the folder's own `<env>` (CI
 * builds dev's and retags the same digest for stg and prd: each environment's ECR lifecycle rule
 * keeps the tags of its prefix), or by digest; minikube (local/) only must not use `latest`.
 */
export const imageTagRule: Rule = {
  id: 'image-tag',
  description:
    "images come from the ECR registry by immutable tag (<folder's env>-<sha>) or digest, never latest",
  check(context) {
    const findings: Finding[] = []
    for (const { manifest, template } of workloads(
      inFolders(context, [...context.envs, 'local']),
    )) {
      for (const c of allContainers(template.spec)) {
        const image = parseImage(c.image ?? '')
        const report = (message: string, hint: string) =>
          findings.push(finding(manifest, 'image-tag', `container ${c.name}: ${message}`, hint))
        if (image.tag === undefined && image.digest === undefined) {
          report(`image ${c.image} has no tag (means latest)`, 'pin a tag')
        } else if (image.tag === 'latest') {
          report(`image ${c.image} uses :latest`, 'pin an immutable tag')
        } else if (manifest.folder !== 'local') {
          if (!image.repository.startsWith(`${REGISTRY}/hexad/`))
            report(
              `image ${c.image} is not from ${REGISTRY}/hexad/`,
              'push the image to ECR and use that',
            )
          else if (image.digest && DIGEST_PATTERN.test(image.digest)) continue
          else if (environmentOfTag(image.tag ?? '') === undefined)
            report(
              `tag ${image.tag} is not immutable (<env>-<git sha>)`,
              `pnpm k8s set-image --env ${manifest.folder} --app <app> --tag ${manifest.folder}-<sha>`,
            )
          else if (environmentOfTag(image.tag ?? '') !== manifest.folder)
            report(
              `tag ${image.tag} is not a ${manifest.folder} tag (${manifest.folder}-<git sha>)`,
              `promote it as CI does: retag the digest as ${manifest.folder}-<sha> and pnpm k8s set-image --env ${manifest.folder}`,
            )
        }
      }
    }
    return findings
  },
}
