import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import type { E2eEnvironment } from './environment.ts'
import { startService, type Service } from './services.ts'
import { closedPort, serveStaticSite, type Site } from './static-site.ts'

const configScript = (apiOrigin: string) =>
  `window.__HEXAD_CONFIG__ = ${JSON.stringify({ apiOrigin })};\n`

/**
 * Everything on 127.0.0.1, on free ports, with a fresh embedded database and analytics folder:
 * builds the two web apps (E2E_SKIP_BUILD=1 to reuse dist/), starts console-api (which migrates
 * and seeds the database) then ad-api, and serves the built apps as their containers do.
 */
export default async function setup(project: TestProject) {
  const repo = resolve(import.meta.dirname, '..', '..')
  const artifacts = join(repo, 'test-artifacts', 'e2e')
  const logs = join(artifacts, 'logs')
  await mkdir(join(artifacts, 'screenshots'), { recursive: true })
  await mkdir(logs, { recursive: true })

  if (!process.env.E2E_SKIP_BUILD) {
    execFileSync('pnpm', ['--filter', '@hexad/console', '--filter', '@hexad/ad-tag', 'build'], {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' }, // vitest sets `test`
    })
  }

  const tmp = await mkdtemp(join(tmpdir(), 'hexad-e2e-'))
  const analyticsDir = join(tmp, 'analytics')
  const services: Service[] = []
  const sites: Site[] = []
  const teardown = async () => {
    await Promise.all(sites.map((site) => site.close()))
    for (const service of services.reverse()) await service.stop()
    await rm(tmp, { recursive: true, force: true })
  }

  try {
    const shared = {
      NODE_ENV: 'development',
      DATABASE_URL: `sqlite:${join(tmp, 'hexad.sqlite')}`,
      LOG_LEVEL: 'warn',
    }
    const consoleApi = await startService(
      repo,
      'console-api',
      await closedPort(),
      { ...shared, SEED_DEMO_DATA: 'true' },
      logs,
    )
    services.push(consoleApi)
    const adApiPort = await closedPort()
    const adApi = await startService(
      repo,
      'ad-api',
      adApiPort,
      {
        ...shared,
        PUBLIC_BASE_URL: `http://127.0.0.1:${adApiPort}`,
        ANALYTICS_LOG_DIR: analyticsDir,
        POD_NAME: 'e2e',
        // Campaigns created by the tests reach the ad index within half a second.
        INDEX_REFRESH_MS: '500',
      },
      logs,
    )
    services.push(adApi)

    const deadApi = `http://127.0.0.1:${await closedPort()}`
    const consoleDist = join(repo, 'apps', 'console', 'dist')
    const adTagDist = join(repo, 'apps', 'ad-tag', 'dist')
    const [consoleSite, adTagSite, adTagDown, consoleDown] = await Promise.all([
      serveStaticSite({ root: consoleDist, spaFallback: true, apiProxy: consoleApi.url }),
      serveStaticSite({ root: adTagDist, configScript: configScript(adApi.url) }),
      serveStaticSite({ root: adTagDist, configScript: configScript(deadApi) }),
      serveStaticSite({ root: consoleDist, spaFallback: true, apiProxy: deadApi }),
    ])
    sites.push(consoleSite, adTagSite, adTagDown, consoleDown)

    const environment: E2eEnvironment = {
      repo,
      artifacts,
      consoleUrl: consoleSite.url,
      consoleApiUrl: consoleApi.url,
      adTagUrl: adTagSite.url,
      adApiUrl: adApi.url,
      analyticsDir,
      databaseUrl: shared.DATABASE_URL,
      adTagApiDownUrl: adTagDown.url,
      consoleApiDownUrl: consoleDown.url,
    }
    project.provide('e2e', environment)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
