// The CDK app (cdk.json "app"): `pnpm infra synth|diff|deploy`. Synthesis reads only
// config/*.json and the repository: no AWS credentials, no lookups, no network.
import { loadConfig } from './config/load.ts'
import { createApp } from './app.ts'

createApp(loadConfig()).app.synth()
