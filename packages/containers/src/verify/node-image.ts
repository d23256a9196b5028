import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ImageApp } from '../catalogue.ts'
import {
  containerLogs,
  freePort,
  imageConfig,
  removeContainer,
  startContainer,
  stopContainer,
  withImageMounted,
} from './container.ts'
import { forbiddenPackages, leakedPackages, requiredByInstalled } from './dev-deps.ts'
import { waitForOk } from './http.ts'
import { allContainers, podsOf } from '../contracts/k8s-pods.ts'
import { ENVIRONMENTS } from '../release-plan.ts'
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
  app: ImageApp
  image: string
  baseImage: string
  /** Workspace package folders in the app's closure, relative to the root. */
  closureDirs: string[]
  databaseUrl: string
}

export async function verifyNodeImage(ctx: NodeImageContext, report: Report): Promise<void> {
  const { app, image } = ctx
  const { user, size } = imageConfig(image)
  report.add(
    app.name,
    'runs as a fixed non-root uid',
    /^[1-9]\d*(:\d+)?$/.test(user),
    `USER ${user}`,
  )

  const added = size - imageConfig(ctx.baseImage).size
  report.add(
    app.name,
    `layers over the base ≤ ${mib(NODE_LAYERS_BUDGET_BYTES)}`,
    added <= NODE_LAYERS_BUDGET_BYTES,
    `${mib(added)} added, ${mib(size)} in all`,
  )

  const forbidden = forbiddenPackages(ctx.root, ctx.closureDirs)
  const entryFiles = manifestEntryFiles(ctx.root, app.name)
  const inside = withImageMounted(image, (rootfs) => ({
    missingEntries: entryFiles.filter((f) => !existsSync(join(rootfs, 'app', app.dir, f))),
    store: readdirSync(join(rootfs, 'app/node_modules/.pnpm')),
    required: requiredByInstalled(join(rootfs, 'app/node_modules/.pnpm')),
    npm: existsSync(join(rootfs, 'usr/local/bin/npm')),
    entry: existsSync(join(rootfs, 'app', app.dir, 'package.json')),
  }))
  const leaked = leakedPackages(inside.store, forbidden, inside.required)
  report.add(
    app.name,
    'no devDependencies in node_modules',
    leaked.length === 0,
    leaked.length ? `found ${leaked.join(', ')}` : `${forbidden.size} dev packages checked`,
  )
  report.add(app.name, 'no npm in the runtime image', !inside.npm)
  report.add(app.name, `app at /app/${app.dir}`, inside.entry)
  if (entryFiles.length > 0) {
    report.add(
      app.name,
      `files the manifests' commands run exist (from WORKDIR /app/${app.dir})`,
      inside.missingEntries.length === 0,
      inside.missingEntries.length
        ? `missing ${inside.missingEntries.join(', ')}`
        : entryFiles.join(', '),
    )
  }

  if (existsSync(join(ctx.root, app.dir, 'src/server.ts'))) await verifyService(ctx, report)
}

/** Runs the service read-only and non-root, checks /healthz, then that SIGTERM ends it with 0. */
async function verifyService(ctx: NodeImageContext, report: Report): Promise<void> {
  const name = `hexad-verify-${ctx.app.name}-${process.pid}`
  const port = await freePort()
  removeContainer(name)
  try {
    startContainer({
      image: ctx.image,
      name,
      env: {
        PORT: String(port),
        DATABASE_URL: ctx.databaseUrl,
        POD_NAME: name,
        ANALYTICS_LOG_DIR: '/tmp/analytics',
        SHUTDOWN_DELAY_MS: '500',
        ...serviceEnv[ctx.app.name],
      },
    })
    const healthy = await waitForOk(`http://127.0.0.1:${port}/healthz`, 30_000)
    report.add(ctx.app.name, 'GET /healthz is 200 (read-only rootfs, non-root)', healthy)
    if (!healthy) console.error(containerLogs(name))
    const code = stopContainer(name, 20)
    report.add(ctx.app.name, 'exits 0 on SIGTERM (node is PID 1)', code === 0, `exit ${code}`)
  } finally {
    removeContainer(name)
  }
}

/**
 * Script files named by the `command`/`args` of containers running this app's image in
 * k8s/{dev,stg,prd}/ (the jobs' CronJobs choose their CLI this way), relative to the WORKDIR.
 */
function manifestEntryFiles(root: string, app: string): string[] {
  const containers = podsOf(root, ENVIRONMENTS).flatMap((pod) => allContainers(pod.spec))
  const files = containers
    .filter((c) => c.image.includes(`/hexad/${app}:`))
    .flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])])
    .filter((word) => /^[^-].*\.ts$/.test(word))
  return [...new Set(files)]
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
