// pnpm containers:build [app ...] [--tag T] [--prefix P] [--pull-never] [--minikube]
// Builds the named apps' images (all present apps when none is named) with docker when a daemon
// answers, else podman or buildah, from the repository root as the build context. --minikube
// builds the images k8s/local/ runs (when no app is named) and loads each into minikube.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { APPS, requireApp } from '@hexad/deploy-tools/plan'
import { buildCommand, detectEngine, type Engine } from '../engine.ts'
import { run } from '../exec.ts'
import { localApps, minikubeLoadCommands, minikubeRef } from '../minikube.ts'
import { isPresent, repoRoot } from '../workspace.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tag: { type: 'string', default: 'local' },
    prefix: { type: 'string', default: 'hexad/' },
    'pull-never': { type: 'boolean', default: false },
    minikube: { type: 'boolean', default: false },
  },
})

const root = repoRoot()
const apps = positionals.length
  ? positionals.map(requireApp)
  : values.minikube
    ? localApps(root)
    : APPS.filter((app) => isPresent(app, root))
let engine: Engine
try {
  engine = detectEngine()
} catch (err) {
  console.error(`pnpm containers:build: ${(err as Error).message}`)
  process.exit(1)
}
const scratch = values.minikube ? mkdtempSync(join(tmpdir(), 'hexad-minikube-')) : undefined
try {
  for (const app of apps) {
    if (!isPresent(app, root)) throw new Error(`${app.source} does not exist: nothing to build`)
    const ref = values.minikube
      ? minikubeRef(values.prefix, app, values.tag)
      : `${values.prefix}${app.name}:${values.tag}`
    const [command = '', ...args] = buildCommand(engine, app, {
      ref,
      pullNever: values['pull-never'],
    })
    run(command, args, root)
    if (scratch)
      for (const [tool = '', ...rest] of minikubeLoadCommands(
        engine,
        ref,
        join(scratch, `${app.name}.tar`),
      ))
        run(tool, rest, root)
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
}
