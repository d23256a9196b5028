import { Duration } from 'aws-cdk-lib'
import type * as ecr from 'aws-cdk-lib/aws-ecr'
import * as iam from 'aws-cdk-lib/aws-iam'
import { acknowledge, wildcardFinding } from '../nag.ts'
import { Construct } from 'constructs'
import type { SharedConfig } from '../config/schema.ts'
import { ENVIRONMENTS } from '@hexad/deploy-tools/plan'

export const CIRCLECI_ROLE_NAME = 'hexad-circleci-release'

/**
 * The role CircleCI's `release` job assumes with its OIDC token (no AWS keys in CircleCI):
 * only this organization's project, only a pipeline of this GitHub repository on an
 * environment branch (the circleci/aws-cli orb sends the v2 token, whose `sub` names the
 * repository and ref), and only pushing and pulling hexad's repositories.
 */
export class CircleCiReleaseRole extends Construct {
  readonly role: iam.Role

  constructor(
    scope: Construct,
    id: string,
    props: {
      circleci: SharedConfig['circleci']
      repository: SharedConfig['repository']
      repositories: ecr.IRepository[]
    },
  ) {
    super(scope, id)
    const { organizationId, projectId } = props.circleci
    const issuer = `oidc.circleci.com/org/${organizationId}`
    const provider = new iam.OidcProviderNative(this, 'Provider', {
      url: `https://${issuer}`,
      clientIds: [organizationId],
    })
    const origin = `github.com/${props.repository.owner}/${props.repository.name}`
    this.role = new iam.Role(this, 'Role', {
      roleName: CIRCLECI_ROLE_NAME,
      description: 'CircleCI release job: push and pull hexad images in ECR',
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: { [`${issuer}:aud`]: organizationId },
        // A list under one key is an OR: any of the three branches.
        StringLike: {
          [`${issuer}:sub`]: ENVIRONMENTS.map(
            (branch) =>
              `org/${organizationId}/project/${projectId}/user/*/vcs-origin/${origin}/vcs-ref/refs/heads/${branch}`,
          ),
        },
      }),
    })
    for (const repository of props.repositories) repository.grantPullPush(this.role)
    acknowledge(this.role, {
      id: wildcardFinding(this, 'Resource', '*'),
      reason:
        'ecr:GetAuthorizationToken has no resource type: it can only be granted on "*". Every other action names a repository.',
    })
  }
}
