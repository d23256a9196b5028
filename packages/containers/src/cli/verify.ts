// pnpm containers:verify [app ...] — builds every present app's image from the real Dockerfiles
// against local base images (stand-ins made here when missing), runs them as the pods do and checks
// them; with console and console-api built, runs them behind the minikube router and logs in
// through it in Chromium.
// Needs podman (and debootstrap the first time). Exit 1 if any check fails.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { APPS, requireApp } from '@hexad/deploy-tools/plan'
import { appFolders } from '@hexad/deploy-tools/workspace'
import { requireTools } from '@hexad/test-support'
import { buildCommand } from '../engine.ts'
import { capture, run } from '../exec.ts'
import { baseImagesOf, ensureBaseImages, qualified } from '../standins.ts'
import { verifyNodeImage } from '../verify/node-image.ts'
import { Report } from '../verify/report.ts'
import { verifyLoginThroughRouter } from '../verify/through-the-router.ts'
import { verifyWebImage } from '../verify/web-image.ts'
import { isPresent, repoRoot } from '../workspace.ts'

requireTools('pnpm containers:verify', [
  'podman',
  'runc',
  ...(process.env.HEXAD_VERIFY_DATABASE_URL ? [] : (['mysql'] as const)),
])
const started = Date.now()
const root = repoRoot()
const report = new Report()

// Named apps only (quicker while working on one), else all of them. The sidecar image (fluentd)
// needs RubyGems, out of reach here: fluent-conf.test.ts checks its configuration instead.
const wanted = (process.argv.length > 2 ? process.argv.slice(2).map(requireApp) : APPS).filter(
  (app) => app.kind !== 'sidecar',
)
const present = wanted.filter((app) => isPresent(app, root))
const skipped = wanted.filter((app) => !isPresent(app, root)).map((app) => app.name)
for (const name of skipped) {
  console.warn(`SKIPPED  ${name}: not in the repository yet, its image is NOT verified`)
}

const dockerfiles = [...new Set(present.map((app) => join(root, app.dockerfile)))]
ensureBaseImages(dockerfiles)
const databaseUrl = prepareDatabase()

const built = new Map<string, string>()
for (const app of present) {
  const image = `localhost/hexad/${app.name}:verify`
  try {
    const [command = '', ...args] = buildCommand('podman', app, { ref: image, pullNever: true })
    run(command, args, root)
    report.add(app.name, `builds from ${app.dockerfile}`, true)
    built.set(app.name, image)
  } catch (err) {
    report.add(app.name, `builds from ${app.dockerfile}`, false, (err as Error).message)
    continue
  }
  if (app.kind === 'web') {
    await verifyWebImage(app, image, report)
  } else {
    const dockerfile = readFileSync(join(root, app.dockerfile), 'utf8')
    const baseImage = qualified(baseImagesOf(dockerfile).at(-1) ?? '')
    const closureDirs = appFolders(root, app)
    await verifyNodeImage({ root, app, image, baseImage, closureDirs, databaseUrl }, report)
  }
}

// The three together, as on minikube: the router plays the ALB in front of console and its API.
const consoleImage = built.get('console')
const consoleApiImage = built.get('console-api')
if (consoleImage && consoleApiImage)
  await verifyLoginThroughRouter({ root, consoleImage, consoleApiImage, databaseUrl }, report)

console.log(`\ncontainers:verify — ${present.length} of ${wanted.length} apps present`)
console.log(report.summary())
if (skipped.length) console.log(`SKIPPED (not in the repo yet): ${skipped.join(', ')}`)
// Each run leaves the previous build stages untagged (a few hundred MB each): drop those, keep
// the tagged images (stand-ins, the :verify images) and the layers they use.
capture('podman', ['image', 'prune', '--force'])
console.log(`took ${Math.round((Date.now() - started) / 1000)} s`)
if (report.failed.length) process.exit(1)

/**
 * The services run against MySQL as in production: the local MariaDB (CI has one), database
 * hexad_images. HEXAD_VERIFY_DATABASE_URL overrides it.
 */
function prepareDatabase(): string {
  const url = process.env.HEXAD_VERIFY_DATABASE_URL
  if (url) return url
  try {
    capture('mysql', [
      '-h',
      '127.0.0.1',
      '-u',
      'root',
      '-e',
      'CREATE DATABASE IF NOT EXISTS hexad_images',
    ])
  } catch (err) {
    const cause = (err as { stderr?: string }).stderr?.trim() || (err as Error).message
    console.error(
      `pnpm containers:verify runs the images against MariaDB on 127.0.0.1:3306 (${cause}): ` +
        'start it (sudo apt-get install -y mariadb-server && sudo service mariadb start), ' +
        'or set HEXAD_VERIFY_DATABASE_URL',
    )
    process.exit(1)
  }
  return 'mysql://root@127.0.0.1:3306/hexad_images'
}
