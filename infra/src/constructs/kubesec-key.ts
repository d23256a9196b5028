import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as kms from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'

/**
 * The KMS key one folder's kubesec secrets are sealed with (k8s/<env>/secrets.enc.yaml,
 * k8s/cluster/**): rotated yearly, deleted only after 30 days' notice. The people listed may
 * seal and open secrets; a deployer (CodeBuild) is given decrypt only, with `allowDecrypt`.
 */
export class KubesecKey extends Construct {
  readonly key: kms.Key
  /** What kubesec's `--key` takes and its file footer names: arn:aws:kms:…:alias/hexad-<env> */
  readonly aliasArn: string

  constructor(scope: Construct, id: string, props: { alias: string; people: readonly string[] }) {
    super(scope, id)
    this.key = new kms.Key(this, 'Key', {
      description: `kubesec: the data keys of the secrets sealed under ${props.alias}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    })
    this.aliasArn = new kms.Alias(this, 'Alias', {
      aliasName: props.alias,
      targetKey: this.key,
    }).aliasArn
    for (const arn of props.people) this.key.grantEncryptDecrypt(new iam.ArnPrincipal(arn))
  }

  allowDecrypt(grantee: iam.IGrantable): void {
    this.key.grantDecrypt(grantee)
  }
}
