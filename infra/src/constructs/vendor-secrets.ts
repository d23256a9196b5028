import { RemovalPolicy, SecretValue } from 'aws-cdk-lib'
import type * as kms from 'aws-cdk-lib/aws-kms'
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import { acknowledge } from '../nag.ts'
import { addOutputs } from '../outputs.ts'
import { Construct } from 'constructs'

/**
 * Where the third-party tokens live: one Secrets Manager entry per consumer, created with its
 * keys and empty values (no value is ever in code or in a template). A person pastes the real
 * values once (`aws secretsmanager put-secret-value`); the kubesec files of k8s/cluster/ and
 * the loadtest's environment are made from them (infra/README.md).
 */
export const VENDOR_SECRETS = [
  {
    id: 'Datadog',
    name: 'hexad/cluster/datadog',
    keys: ['api-key', 'app-key', 'token'],
    usedBy: 'k8s/cluster/datadog/secrets.enc.yaml',
  },
  {
    id: 'Botkube',
    name: 'hexad/cluster/botkube',
    keys: ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'],
    usedBy: 'k8s/cluster/botkube/secrets.enc.yaml',
  },
  {
    id: 'LoadtestSlack',
    name: 'hexad/loadtest/slack',
    keys: ['SLACK_WEBHOOK_URL', 'SLACK_BOT_TOKEN'],
    usedBy: 'packages/loadtest (pnpm loadtest --slack)',
  },
] as const

export class VendorSecrets extends Construct {
  constructor(scope: Construct, id: string, props: { encryptionKey: kms.IKey }) {
    super(scope, id)
    for (const entry of VENDOR_SECRETS) {
      const secret = new secretsmanager.Secret(this, entry.id, {
        secretName: entry.name,
        description: `Fill in by hand; used by ${entry.usedBy}`,
        encryptionKey: props.encryptionKey,
        secretObjectValue: Object.fromEntries(
          entry.keys.map((key) => [key, SecretValue.unsafePlainText('')]),
        ),
        removalPolicy: RemovalPolicy.RETAIN,
      })
      acknowledge(secret, {
        id: 'AwsSolutions-SMG4',
        reason:
          "Vendor tokens (Datadog, Slack) are issued and rotated in the vendor's console; no Lambda can rotate them.",
      })
      addOutputs(scope, {
        [`${entry.id}SecretArn`]: [
          secret.secretArn,
          `${entry.name}: ${entry.keys.join(', ')} (empty until filled in)`,
        ],
      })
    }
  }
}
