// Writes the kubesec-format placeholder Secrets committed under k8s/ (see k8s/README.md,
// "Secrets"). Run once per new environment: `node packages/deploy-tools/scripts/seal-placeholders.ts`.
// Existing files are left alone, so real secrets re-created with kubesec are never overwritten.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { botkubeCommConfig } from '../src/botkube-comm-config.ts'
import { sealPlaceholder } from '../src/kubesec.ts'
import { ENVIRONMENTS, namespaceOf } from '../src/plan.ts'
import { k8sRoot } from '../src/repo.ts'

const kms = (alias: string) => `arn:aws:kms:ap-northeast-1:123456789012:alias/${alias}`
const db = (env: string, user: string) =>
  `mysql://${user}:CHANGE_ME@hexad-${env}.cluster-CHANGE_ME.ap-northeast-1.rds.amazonaws.com:3306/hexad`

const files: { path: string; content: () => string }[] = ENVIRONMENTS.map((env) => ({
  path: join(env, 'secrets.enc.yaml'),
  content: () =>
    sealPlaceholder({
      name: 'hexad-secrets',
      namespace: namespaceOf(env),
      kmsKeyArn: kms(`hexad-${env}`),
      values: {
        CONSOLE_API_DATABASE_URL: db(env, 'console_api'),
        AD_API_DATABASE_URL: db(env, 'ad_api'),
        JOBS_DATABASE_URL: db(env, 'jobs'),
        SESSION_SECRET: 'CHANGE_ME',
        AD_TOKEN_KEYS: 'k1:CHANGE_ME',
        // migrate-data (stg and prd only): read prd through a read-only user, write stg.
        ...(env === 'dev'
          ? {}
          : {
              MIGRATE_SOURCE_DATABASE_URL: db('prd', 'migrate_ro'),
              MIGRATE_TARGET_DATABASE_URL: db('stg', 'migrate'),
            }),
      },
    }),
}))
files.push(
  {
    path: 'cluster/datadog/secrets.enc.yaml',
    content: () =>
      sealPlaceholder({
        name: 'datadog-secret',
        namespace: 'datadog',
        kmsKeyArn: kms('hexad-cluster'),
        values: {
          'api-key': 'CHANGE_ME',
          'app-key': 'CHANGE_ME',
          token: 'CHANGE_ME_32_CHARACTERS_OR_MORE',
        },
      }),
  },
  {
    path: 'cluster/botkube/secrets.enc.yaml',
    content: () =>
      sealPlaceholder({
        name: 'botkube-communication-secret',
        namespace: 'botkube',
        // The chart's label: botkube's config watcher restarts it when the Secret changes.
        labels: { 'botkube.io/config-watch': 'true' },
        kmsKeyArn: kms('hexad-cluster'),
        values: {
          'comm_config.yaml': botkubeCommConfig(
            readFileSync(join(k8sRoot(), 'cluster/botkube/values.yaml'), 'utf8'),
            { botToken: 'xoxb-CHANGE_ME', appToken: 'xapp-CHANGE_ME' },
          ),
        },
      }),
  },
)

for (const { path, content } of files) {
  const target = join(k8sRoot(), path)
  if (existsSync(target)) continue
  writeFileSync(target, content())
  process.stdout.write(`wrote ${path}\n`)
}
