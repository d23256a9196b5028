import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { APPS, ENVIRONMENTS } from '@hexad/deploy-tools/plan'
import { synthesized, type Synthesized } from '../testing/synthesized.ts'

type Resource = { Properties: Record<string, unknown> }
interface LifecycleRule {
  rulePriority: number
  selection: { tagStatus: string; tagPrefixList?: string[]; countType: string; countNumber: number }
}

let app: Synthesized
beforeAll(() => {
  app = synthesized()
})
const resources = (type: string) =>
  Object.values(app.templates['hexad-shared']!.findResources(type)) as Resource[]

/** Every `<env>-<sha>` tag the manifests of an environment run, by repository. */
function deployedTags(env: string): { repository: string; tag: string }[] {
  const folder = join(import.meta.dirname, '..', '..', '..', 'k8s', env)
  return readdirSync(folder).flatMap((file) =>
    [
      ...readFileSync(join(folder, file), 'utf8').matchAll(/image: \S+\/(hexad\/[a-z-]+):(\S+)/g),
    ].map(([, repository, tag]) => ({ repository: repository!, tag: tag! })),
  )
}

describe('hexad-shared', () => {
  it('has one ECR repository per image of the plan: immutable tags, scanned on push', () => {
    const repositories = resources('AWS::ECR::Repository')
    expect(repositories.map((r) => r.Properties.RepositoryName).sort()).toEqual(
      APPS.map((app) => app.repository).sort(),
    )
    for (const { Properties } of repositories) {
      expect(Properties).toMatchObject({
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
      })
    }
  })

  it('keeps every image the manifests run, and prd images ahead of the other counts', () => {
    const { keepImages } = app.config.shared.ecr
    for (const { Properties } of resources('AWS::ECR::Repository')) {
      const policy = JSON.parse(
        (Properties.LifecyclePolicy as { LifecyclePolicyText: string }).LifecyclePolicyText,
      ) as { rules: LifecycleRule[] }
      const keep = Object.fromEntries(
        policy.rules
          .filter((r) => r.selection.tagPrefixList)
          .map((r) => [r.selection.tagPrefixList![0], r]),
      )
      for (const env of ENVIRONMENTS) {
        expect(keep[`${env}-`]?.selection, `${Properties.RepositoryName} ${env}`).toMatchObject({
          countType: 'imageCountMoreThan',
          countNumber: keepImages[env],
        })
      }
      expect(keep['prd-']!.rulePriority).toBeLessThan(keep['stg-']!.rulePriority)
      expect(keep['stg-']!.rulePriority).toBeLessThan(keep['dev-']!.rulePriority)
      // Only untagged images expire by age; a tagged one only by its environment's count.
      const byAge = policy.rules.filter((r) => r.selection.countType === 'sinceImagePushed')
      expect(byAge.map((r) => r.selection.tagStatus)).toEqual(['untagged'])
    }
    // A running tag is kept while it is among the newest of its prefix (promotion adds the
    // next environment's prefix to the same image), never expired by age.
    const counted = ENVIRONMENTS.map((env) => `${env}-`)
    for (const env of ENVIRONMENTS) {
      for (const { repository, tag } of deployedTags(env)) {
        expect(
          APPS.map((app) => app.repository),
          repository,
        ).toContain(repository)
        expect(
          counted.some((prefix) => tag.startsWith(prefix)),
          `${env} runs ${repository}:${tag}`,
        ).toBe(true)
      }
    }
  })

  it("trusts CircleCI's OIDC tokens of this organization, project and repository, on the environment branches only", () => {
    const { circleci, repository } = app.config.shared
    const [role] = resources('AWS::IAM::Role')
    const statements = (
      role!.Properties.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement
    expect(statements).toHaveLength(1)
    const issuer = `oidc.circleci.com/org/${circleci.organizationId}`
    expect(statements[0]).toMatchObject({
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Condition: {
        StringEquals: { [`${issuer}:aud`]: circleci.organizationId },
        StringLike: {
          [`${issuer}:sub`]: ENVIRONMENTS.map(
            (branch) =>
              `org/${circleci.organizationId}/project/${circleci.projectId}/user/*/vcs-origin/github.com/${repository.owner}/${repository.name}/vcs-ref/refs/heads/${branch}`,
          ),
        },
      },
    })
    const providers = app.templates['hexad-shared']!.findResources(
      'AWS::IAM::OIDCProvider',
    ) as Record<string, Resource>
    const [providerId, provider] = Object.entries(providers)[0]!
    expect(statements[0]!.Principal).toEqual({ Federated: { Ref: providerId } })
    expect(provider.Properties).toMatchObject({
      Url: `https://${issuer}`,
      ClientIdList: [circleci.organizationId],
    })
  })

  it('lets CircleCI push and pull these repositories and nothing else', () => {
    const [policy] = resources('AWS::IAM::Policy')
    const statements = (
      policy!.Properties.PolicyDocument as {
        Statement: { Action: string | string[]; Resource: unknown }[]
      }
    ).Statement
    for (const statement of statements) {
      const actions = [statement.Action].flat()
      expect(
        actions.every((a) => a.startsWith('ecr:')),
        JSON.stringify(actions),
      ).toBe(true)
      if (statement.Resource === '*') expect(actions).toEqual(['ecr:GetAuthorizationToken'])
    }
  })

  it('expires migrate-data runs after the configured days', () => {
    const { migration } = app.config.shared
    const bucket = resources('AWS::S3::Bucket').find(
      (b) => b.Properties.BucketName === migration.bucketName,
    )
    const rules = (
      bucket!.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }
    ).Rules
    expect(rules).toContainEqual(
      expect.objectContaining({
        Prefix: migration.prefix,
        ExpirationInDays: migration.expireAfterDays,
        Status: 'Enabled',
      }),
    )
  })
})
