import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ENVIRONMENTS, type App } from '@hexad/deploy-tools/plan'
import { runsRepository } from '@hexad/deploy-tools/pods'
import { allContainers, podsOf } from '../contracts/k8s-pods.ts'
import { imageConfig, withImageMounted } from './container.ts'
import { forbiddenPackages, leakedPackages, requiredByInstalled } from './dev-deps.ts'
import { checkNonRootUser, runLikeAPod } from './like-a-pod.ts'
import type { Report } from './report.ts'

/** What our layers may add to the Node base image: sources plus the production closure. */
export const NODE_LAYERS_BUDGET_BYTES = 80 * 1024 * 1024

/** Settings each service needs besides the common ones, with throwaway values. */
const serviceEnv: Record<string, Record<string, string>> = {
  'console-api': { SESSION_SECRET: randomBytes(32).toString('base64url') },
  'ad-api': { AD_TOKEN_KEYS: `verify:${randomBytes(32).toString('base64url')}` },
}

export interface NodeImageContext {
  root: string
  app: App
  image: string
  baseImage: string
  /** Workspace package folders in the app's closure, relative to the root. */
  closureDirs: string[]
  databaseUrl: string
}

export async function verifyNodeImage(ctx: NodeImageContext, report: Report): Promise<void> {
  const { app, image } = ctx
  checkNonRootUser(app.name, image, report)

  const { size } = imageConfig(image)
  const added = size - imageConfig(ctx.baseImage).size
  report.add(
    app.name,
    `layers over the base ≤ ${mib(NODE_LAYERS_BUDGET_BYTES)}`,
    added <= NODE_LAYERS_BUDGET_BYTES,
    `${mib(added)} added, ${mib(size)} in all`,
  )

  const forbidden = forbiddenPackages(ctx.root, ctx.closureDirs)
  const entryFiles = manifestEntryFiles(ctx.root, app)
  const inside = withImageMounted(image, (rootfs) => ({
    missingEntries: entryFiles.filter((f) => !existsSync(join(rootfs, 'app', app.source, f))),
    store: readdirSync(join(rootfs, 'app/node_modules/.pnpm')),
    required: requiredByInstalled(join(rootfs, 'app/node_modules/.pnpm')),
    npm: existsSync(join(rootfs, 'usr/local/bin/npm')),
    entry: existsSync(join(rootfs, 'app', app.source, 'package.json')),
  }))
  const leaked = leakedPackages(inside.store, forbidden, inside.required)
  report.add(
    app.name,
    'no devDependencies in node_modules',
    leaked.length === 0,
    leaked.length ? `found ${leaked.join(', ')}` : `${forbidden.size} dev packages checked`,
  )
  report.add(app.name, 'no npm in the runtime image', !inside.npm)
  report.add(app.name, `app at /app/${app.source}`, inside.entry)
  if (entryFiles.length > 0) {
    report.add(
      app.name,
      `files the manifests' commands run exist (from WORKDIR /app/${app.source})`,
      inside.missingEntries.length === 0,
      inside.missingEntries.length
        ? `missing ${inside.missingEntries.join(', ')}`
        : entryFiles.join(', '),
    )
  }

  if (existsSync(join(ctx.root, app.source, 'src/server.ts'))) await verifyService(ctx, report)
}

/** Runs the service read-only and non-root, checks its liveness, then that SIGTERM ends it with 0. */
async function verifyService(ctx: NodeImageContext, report: Report): Promise<void> {
  const run = {
    app: ctx.app.name,
    image: ctx.image,
    env: {
      DATABASE_URL: ctx.databaseUrl,
      ANALYTICS_LOG_DIR: '/tmp/analytics',
      SHUTDOWN_DELAY_MS: '500',
      ...serviceEnv[ctx.app.name],
    },
    startupMs: 30_000,
    stopCheck: 'exits 0 on SIGTERM (node is PID 1)',
  }
  await runLikeAPod(run, report)
}

/**
 * Script files named by the `command`/`args` of containers running this app's image in
 * k8s/{dev,stg,prd}/ (the jobs' CronJobs choose their CLI this way), relative to the WORKDIR.
 */
function manifestEntryFiles(root: string, app: App): string[] {
  const containers = podsOf(root, ENVIRONMENTS).flatMap((pod) => allContainers(pod.spec))
  const files = containers
    .filter((c) => runsRepository(c, app.repository))
    .flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])])
    .filter((word) => /^[^-].*\.ts$/.test(word))
  return [...new Set(files)]
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
