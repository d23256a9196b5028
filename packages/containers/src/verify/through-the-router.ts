import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HEALTH_PATHS, type ServedApp } from '@hexad/deploy-tools/plan'
import { LOCAL_HOSTS, ROUTER_CONFIG_KEY, routerConfig } from '@hexad/deploy-tools/router'
import { launchChromium } from '@hexad/test-support'
import { podsOf } from '../contracts/k8s-pods.ts'
import { ensureImages, qualified } from '../standins.ts'
import {
  containerLogs,
  freePort,
  removeContainer,
  runToCompletion,
  startContainer,
  type RunOptions,
} from './container.ts'
import { waitForOk, type Fetched } from './http.ts'
import type { Report } from './report.ts'

export interface RouterRun {
  root: string
  /** The images just built: `localhost/hexad/<app>:verify`. */
  consoleImage: string
  consoleApiImage: string
  databaseUrl: string
}

const CHECK = 'router'

/** The router's pod as k8s/local/router.yaml has it: image, command, user, config mount. */
function routerPod(root: string) {
  const pod = podsOf(root, ['local']).find((p) => p.name === 'router')
  const container = pod?.spec.containers.find((c) => c.name === 'router')
  const mount = container?.volumeMounts?.find((m) => m.name === 'config')
  const user = pod?.spec.securityContext as { runAsUser?: number; runAsGroup?: number } | undefined
  if (!container?.command?.[0] || !mount || !user?.runAsUser)
    throw new Error('k8s/local/router.yaml: no router container with a command and a config mount')
  return {
    image: qualified(container.image),
    entrypoint: container.command[0],
    command: [...container.command.slice(1), ...(container.args ?? [])],
    user: `${user.runAsUser}:${user.runAsGroup ?? user.runAsUser}`,
    configDir: mount.mountPath,
  }
}

function printLogs(names: string[]): void {
  for (const name of names) {
    try {
      console.error(`--- ${name}\n${containerLogs(name)}`)
    } catch {
      console.error(`--- ${name}: no logs (not started)`)
    }
  }
}

/** A GET with the Host header a browser would send (fetch may not set it). */
function getAs(host: string, port: number, path: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        const headers = new Headers()
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === 'string') headers.set(k, v)
        resolve({ status: res.statusCode ?? 0, headers, body })
      })
    })
    req.on('error', reject)
    req.setTimeout(5_000, () => req.destroy(new Error(`GET ${host}${path}: timed out`)))
    req.end()
  })
}

/**
 * The minikube router (k8s/local/router.yaml, generated from the plan's ALB routes) in front of
 * the console image and the console-api image, all three run as their pods run: a first user
 * made with create-user in the console-api image logs in from Chromium at the console's host,
 * the page calling its own origin's /api as it does behind the ALB.
 */
export async function verifyLoginThroughRouter(run: RouterRun, report: Report): Promise<void> {
  const pod = routerPod(run.root)
  ensureImages([pod.image])
  const [routerPort, healthPort, consolePort, apiPort, nobody] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  )
  const upstreams: Partial<Record<ServedApp, number>> = {
    console: consolePort,
    'console-api': apiPort,
  }
  const configDir = mkdtempSync(join(tmpdir(), 'hexad-router-'))
  writeFileSync(
    join(configDir, ROUTER_CONFIG_KEY),
    routerConfig({
      port: routerPort!,
      healthPort: healthPort!,
      hosts: LOCAL_HOSTS,
      // ad-tag and ad-api are not started: nginx only needs an address for them.
      upstream: (app) => `127.0.0.1:${upstreams[app] ?? nobody}`,
    }),
  )
  // The pod reads its ConfigMap as uid 101.
  chmodSync(configDir, 0o755)
  chmodSync(join(configDir, ROUTER_CONFIG_KEY), 0o644)

  const names = ['console-api', 'console', 'router'].map((n) => `hexad-verify-${n}-${process.pid}`)
  const [apiName, consoleName, routerName] = names as [string, string, string]
  const containers: RunOptions[] = [
    {
      name: apiName,
      image: run.consoleApiImage,
      env: {
        PORT: String(apiPort),
        POD_NAME: apiName,
        DATABASE_URL: run.databaseUrl,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        // As in k8s/local: plain http behind the router, one proxy hop.
        COOKIE_SECURE: 'false',
        TRUST_PROXY_HOPS: '1',
        ANALYTICS_LOG_DIR: '/tmp/analytics',
      },
    },
    // API_ORIGIN empty: the page calls its own origin, which the router splits.
    {
      name: consoleName,
      image: run.consoleImage,
      env: { PORT: String(consolePort), POD_NAME: consoleName },
    },
    {
      name: routerName,
      image: pod.image,
      env: { POD_NAME: routerName },
      entrypoint: pod.entrypoint,
      command: pod.command,
      user: pod.user,
      volumes: [`${configDir}:${pod.configDir}:ro`],
    },
  ]
  names.forEach(removeContainer)
  const browser = await launchChromium([`--host-resolver-rules=MAP *.localhost 127.0.0.1`])
  try {
    for (const container of containers) startContainer(container)
    const up = await Promise.all([
      waitForOk(`http://127.0.0.1:${apiPort}${HEALTH_PATHS.readiness}`, 30_000),
      waitForOk(`http://127.0.0.1:${consolePort}${HEALTH_PATHS.readiness}`, 20_000),
      waitForOk(`http://127.0.0.1:${healthPort}${HEALTH_PATHS.readiness}`, 20_000),
    ])
    report.add(CHECK, 'router, console and console-api start as their pods do', up.every(Boolean))
    if (!up.every(Boolean)) return printLogs(names)

    const unknown = await getAs('elsewhere.example', routerPort!, '/')
    report.add(
      CHECK,
      'a host no site claims gets the listener default (404 JSON)',
      unknown.status === 404 && JSON.parse(unknown.body).message === 'unknown host',
      String(unknown.status),
    )
    const host = `${LOCAL_HOSTS.console}:${routerPort}`
    const page = await getAs(host, routerPort!, '/campaigns')
    const api = await getAs(host, routerPort!, '/api/me')
    report.add(
      CHECK,
      'console host: /api/* reaches console-api, the rest the console',
      /text\/html/.test(page.headers.get('content-type') ?? '') &&
        api.status === 401 &&
        /application\/json/.test(api.headers.get('content-type') ?? ''),
      `/campaigns ${page.status} ${page.headers.get('content-type')}, /api/me ${api.status}`,
    )

    const advertiser = 'Verify Router Coffee'
    const email = `verify-${process.pid}-${Date.now()}@hexad.example`
    const out = runToCompletion({
      name: `hexad-verify-create-user-${process.pid}`,
      image: run.consoleApiImage,
      env: { DATABASE_URL: run.databaseUrl, POD_NAME: 'create-user' },
      command: ['node', 'src/cli/create-user.ts', '--advertiser', advertiser, '--email', email],
    })
    const password = /^password: (\S+)$/m.exec(out)?.[1]
    report.add(CHECK, 'create-user (console-api image) prints a first password once', !!password)
    if (!password) return

    const context = await browser.newContext()
    const tab = await context.newPage()
    const origin = `http://${host}`
    await tab.goto(`${origin}/campaigns`)
    await tab.waitForURL(/\/login\?redirect=/)
    await tab.fill('input[type=email]', email)
    await tab.fill('input[type=password]', password)
    await tab.locator('form button[type=submit]').click()
    await tab.waitForURL(`${origin}/campaigns`, { timeout: 15_000 })
    const who = await tab.locator('.app-header__who').textContent({ timeout: 15_000 })
    report.add(
      CHECK,
      `Chromium logs in at ${origin} (same-origin /api through the router)`,
      who?.trim() === advertiser,
      `header shows ${who?.trim()}`,
    )
    await context.close()
  } catch (err) {
    report.add(CHECK, 'login through the router', false, (err as Error).message)
    printLogs(names)
  } finally {
    await browser.close()
    names.forEach(removeContainer)
    rmSync(configDir, { recursive: true, force: true })
  }
}
