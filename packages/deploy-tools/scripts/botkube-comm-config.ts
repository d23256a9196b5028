// Prints botkube's comm_config.yaml for k8s/cluster/botkube/values.yaml with the Slack tokens from
// SLACK_BOT_TOKEN and SLACK_APP_TOKEN (the Secrets Manager entry hexad/cluster/botkube). Piped
// into kubectl and kubesec as k8s/cluster/botkube/README.md shows; never written to disk.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { botkubeCommConfig } from '../src/botkube-comm-config.ts'
import { k8sRoot } from '../src/repo.ts'

const botToken = process.env.SLACK_BOT_TOKEN ?? ''
const appToken = process.env.SLACK_APP_TOKEN ?? ''
if (!botToken.startsWith('xoxb-') || !appToken.startsWith('xapp-')) {
  process.stderr.write('SLACK_BOT_TOKEN must start with xoxb- and SLACK_APP_TOKEN with xapp-\n')
  process.exit(1)
}
const values = readFileSync(join(k8sRoot(), 'cluster/botkube/values.yaml'), 'utf8')
process.stdout.write(botkubeCommConfig(values, { botToken, appToken }))
