import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as ecr from 'aws-cdk-lib/aws-ecr'
import { Construct } from 'constructs'
import type { SharedConfig } from '../config/schema.ts'
import { APPS, ENVIRONMENTS } from '@hexad/deploy-tools/plan'

/**
 * One ECR repository per image of the plan. Tags are immutable (`<env>-<sha>` names one build
 * forever; promotion adds a tag to the same digest), images are scanned on push.
 *
 * Lifecycle: per environment, the newest `keepImages[env]` images tagged `<env>-…` stay — the
 * one a manifest runs is the newest of its prefix, the others are what a revert can go back to.
 * prd's rule comes first: ECR never lets a lower-priority rule expire an image that matches a
 * higher one's tags, so an image promoted to prd is not expired by dev's or stg's count.
 */
export class ImageRepositories extends Construct {
  readonly repositories: ecr.Repository[]

  constructor(scope: Construct, id: string, props: { ecr: SharedConfig['ecr'] }) {
    super(scope, id)
    const byPriority = [...ENVIRONMENTS].reverse()
    this.repositories = APPS.map((app) => app.repository).map((name) => {
      const repository = new ecr.Repository(this, name, {
        repositoryName: name,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        removalPolicy: RemovalPolicy.RETAIN,
      })
      byPriority.forEach((env, index) =>
        repository.addLifecycleRule({
          rulePriority: index + 1,
          description: `keep the newest ${props.ecr.keepImages[env]} ${env} images`,
          tagPrefixList: [`${env}-`],
          maxImageCount: props.ecr.keepImages[env],
        }),
      )
      repository.addLifecycleRule({
        rulePriority: byPriority.length + 1,
        description: 'untagged images are leftovers of failed pushes',
        tagStatus: ecr.TagStatus.UNTAGGED,
        maxImageAge: Duration.days(props.ecr.untaggedExpireDays),
      })
      return repository
    })
  }
}
