// pnpm containers:build [app ...] [--tag T] [--prefix P] [--pull-never]
// Builds the named apps' images (all present apps when none is named) with docker when a daemon
// answers, else podman or buildah, from the repository root as the build context.
import { parseArgs } from 'node:util'
import { APPS, requireApp } from '@hexad/deploy-tools/plan'
import { buildCommand, detectEngine, type Engine } from '../engine.ts'
import { run } from '../exec.ts'
import { isPresent, repoRoot } from '../workspace.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tag: { type: 'string', default: 'local' },
    prefix: { type: 'string', default: 'hexad/' },
    'pull-never': { type: 'boolean', default: false },
  },
})

const root = repoRoot()
const apps = positionals.length
  ? positionals.map(requireApp)
  : APPS.filter((app) => isPresent(app, root))
let engine: Engine
try {
  engine = detectEngine()
} catch (err) {
  console.error(`pnpm containers:build: ${(err as Error).message}`)
  process.exit(1)
}
for (const app of apps) {
  if (!isPresent(app, root)) throw new Error(`${app.source} does not exist: nothing to build`)
  const [command = '', ...args] = buildCommand(engine, app, {
    ref: `${values.prefix}${app.name}:${values.tag}`,
    pullNever: values['pull-never'],
  })
  run(command, args, root)
}
