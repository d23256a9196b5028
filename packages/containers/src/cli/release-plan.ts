// pnpm --filter @hexad/containers release-plan --env dev|stg|prd
// Prints one line per image for the CircleCI release job to act on:
//   build <app>            build and push <env>-<short sha>
//   retag <app> <tag>      give the image of <tag> (same digest) the new tag
//   skip <app> <reason>    nothing that goes into it changed since the deployed tag
// and last `changelog-from <commit>` when there is something to release.
import { parseArgs } from 'node:util'
import { APPS, ENVIRONMENTS, type Environment } from '@hexad/deploy-tools/plan'
import { capture } from '../exec.ts'
import { changelogBase, releasePlan } from '../release-plan.ts'
import { imageInputs, isPresent, repoRoot } from '../workspace.ts'

const { values } = parseArgs({ options: { env: { type: 'string' } } })
const env = values.env as Environment
if (!ENVIRONMENTS.includes(env)) throw new Error(`--env: one of ${ENVIRONMENTS.join(', ')}`)

const root = repoRoot()
const head = capture('git', ['-C', root, 'rev-parse', 'HEAD'])
const apps = APPS.filter((app) => isPresent(app, root)).map((app) => ({
  name: app.name,
  repository: app.repository,
  inputs: imageInputs(root, app),
}))
const steps = releasePlan(root, env, head, apps)
for (const step of steps) {
  const detail =
    step.action === 'retag' ? ` ${step.from}` : step.action === 'skip' ? ` ${step.reason}` : ''
  process.stdout.write(`${step.action} ${step.app}${detail}\n`)
}
const base = changelogBase(root, env, apps, steps)
if (base) process.stdout.write(`changelog-from ${base}\n`)
