import { CfnJson, Token } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'

export interface ServiceAccountRoleProps {
  roleName: string
  namespace: string
  serviceAccount: string
  oidcProviderArn: string
  /** The provider's issuer without scheme; a token when the cluster is created in this app. */
  oidcIssuer: string
  statements: iam.PolicyStatement[]
  description: string
}

/**
 * An IAM role for one Kubernetes ServiceAccount (IRSA): only a pod running as
 * `system:serviceaccount:<namespace>:<name>` of this cluster can assume it, and it may do
 * exactly what `statements` say, as an inline policy (nothing managed, nothing shared).
 */
export class ServiceAccountRole extends Construct {
  readonly role: iam.Role

  constructor(scope: Construct, id: string, props: ServiceAccountRoleProps) {
    super(scope, id)
    const claims = {
      [`${props.oidcIssuer}:aud`]: 'sts.amazonaws.com',
      [`${props.oidcIssuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
    }
    // Condition keys can't be tokens in a template: a created cluster's issuer is only known at
    // deploy time, so CfnJson renders the keys then (the way aws-eks builds ServiceAccount roles).
    const conditions = Token.isUnresolved(props.oidcIssuer)
      ? new CfnJson(this, 'Claims', { value: claims })
      : claims
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: props.description,
      assumedBy: new iam.OpenIdConnectPrincipal(
        iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
          this,
          'Provider',
          props.oidcProviderArn,
        ),
        { StringEquals: conditions },
      ),
      inlinePolicies: { access: new iam.PolicyDocument({ statements: props.statements }) },
    })
  }
}
