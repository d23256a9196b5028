// pnpm --filter @hexad/containers release-plan --env dev|stg|prd
// Prints one line per image for the CircleCI release job to act on:
//   build <app>            build and push <env>-<short sha>
//   retag <app> <tag>      give the image of <tag> (same digest) the new tag
//   skip <app> <reason>    nothing that goes into it changed since the deployed tag
// and last `changelog-from <commit>` when there is something to release.
import { parseArgs } from 'node:util'
import { imageApps, imageInputs, isPresent } from '../catalogue.ts'
import { capture } from '../exec.ts'
import { changelogBase, ENVIRONMENTS, releasePlan, type Environment } from '../release-plan.ts'
import { closureDirs, repoRoot } from '../workspace.ts'

const { values } = parseArgs({ options: { env: { type: 'string' } } })
const env = values.env as Environment
if (!ENVIRONMENTS.includes(env)) throw new Error(`--env: one of ${ENVIRONMENTS.join(', ')}`)

const root = repoRoot()
const head = capture('git', ['-C', root, 'rev-parse', 'HEAD'])
const apps = imageApps
  .filter((app) => isPresent(app, root))
  .map((app) => ({
    name: app.name,
    inputs: imageInputs(app, app.kind === 'fluentd' ? [] : closureDirs(root, app.name)),
  }))
const steps = releasePlan(root, env, head, apps)
for (const step of steps) {
  const detail =
    step.action === 'retag' ? ` ${step.from}` : step.action === 'skip' ? ` ${step.reason}` : ''
  process.stdout.write(`${step.action} ${step.app}${detail}\n`)
}
const base = changelogBase(root, env, steps)
if (base) process.stdout.write(`changelog-from ${base}\n`)
