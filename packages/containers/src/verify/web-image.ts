import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ENVIRONMENTS, type App } from '@hexad/deploy-tools/plan'
import { runsRepository } from '@hexad/deploy-tools/pods'
import { allContainers, podsOf } from '../contracts/k8s-pods.ts'
import { repoRoot } from '../workspace.ts'
import { withImageMounted } from './container.ts'
import { get } from './http.ts'
import { checkNonRootUser, runLikeAPod } from './like-a-pod.ts'
import type { Report } from './report.ts'

const API_ORIGIN = 'https://api.images-verify.example'
const HTML_ROOT = 'usr/share/nginx/html'

/** Runs the web image read-only and non-root and checks what nginx serves. */
export async function verifyWebImage(app: App, image: string, report: Report): Promise<void> {
  checkNonRootUser(app.name, image, report)
  const files = withImageMounted(image, (rootfs) => ({
    index: readFileSync(join(rootfs, HTML_ROOT, 'index.html'), 'utf8'),
    // The largest script: big enough for gzip to apply.
    script: readdirSync(join(rootfs, HTML_ROOT), { recursive: true, encoding: 'utf8' })
      .filter((f) => /^assets\/.+\.js$/.test(f))
      .sort((a, b) => size(rootfs, b) - size(rootfs, a))[0],
  }))

  const run = {
    app: app.name,
    image,
    env: { API_ORIGIN },
    startupMs: 20_000,
    stopCheck: 'nginx exits 0 on the stop signal',
  }
  await runLikeAPod(run, report, async (base) => {
    const index = await get(`${base}/`)
    report.add(
      app.name,
      'GET / serves the built index.html, revalidated',
      index.status === 200 && index.body === files.index && noCache(index.headers),
      `${index.status}, cache-control: ${index.headers.get('cache-control')}`,
    )
    report.add(
      app.name,
      'security headers',
      index.headers.get('x-content-type-options') === 'nosniff' &&
        index.headers.get('referrer-policy') !== null,
    )
    const config = await get(`${base}/config.js`)
    report.add(
      app.name,
      'GET /config.js carries API_ORIGIN from the environment',
      config.body.includes(`"apiOrigin":"${API_ORIGIN}"`) &&
        config.headers.get('cache-control') === 'public, max-age=300',
      config.body.trim(),
    )
    const asset = files.script
    if (asset) {
      const served = await get(`${base}/${asset}`, { 'accept-encoding': 'gzip' })
      report.add(
        app.name,
        'hashed assets: long cache, gzip',
        served.status === 200 &&
          /immutable/.test(served.headers.get('cache-control') ?? '') &&
          (served.headers.get('content-encoding') === 'gzip' || served.body.length < 1024),
        `/${asset}: ${served.headers.get('cache-control')}, ${served.headers.get('content-encoding') ?? 'identity'}`,
      )
    }
    await siteChecks[app.name]?.(base, report)
    const ignored = manifestEnvIgnored(app)
    report.add(
      app.name,
      'the manifests set only variables the image reads (PORT, API_ORIGIN)',
      ignored.length === 0,
      ignored.length ? `ignored: ${ignored.join(', ')}` : '',
    )
  })
}

/** Variables that docker/web/entrypoint.sh reads; POD_NAME is set on every pod, harmlessly. */
const WEB_ENV = new Set(['PORT', 'API_ORIGIN', 'POD_NAME'])

/** Env names the manifests give this web app's containers that nothing in the image reads. */
function manifestEnvIgnored(app: App): string[] {
  const names = podsOf(repoRoot(), ENVIRONMENTS)
    .flatMap((pod) => allContainers(pod.spec))
    .filter((c) => runsRepository(c, app.repository))
    .flatMap((c) => (c.env ?? []).map((e) => e.name))
  return [...new Set(names.filter((name) => !WEB_ENV.has(name)))]
}

function size(rootfs: string, file: string): number {
  return statSync(join(rootfs, HTML_ROOT, file)).size
}

function noCache(headers: Headers): boolean {
  return headers.get('cache-control') === 'no-cache'
}

const siteChecks: Record<string, (base: string, report: Report) => Promise<void>> = {
  console: async (base, report) => {
    const route = await get(`${base}/campaigns/42/creatives`)
    report.add(
      'console',
      'client-side routes fall back to index.html',
      route.status === 200 && /text\/html/.test(route.headers.get('content-type') ?? ''),
      String(route.status),
    )
    report.add(
      'console',
      'CSP lets the page call API_ORIGIN',
      (route.headers.get('content-security-policy') ?? '').includes(
        `connect-src 'self' ${API_ORIGIN}`,
      ),
    )
  },
  'ad-tag': async (base, report) => {
    const tag = await get(`${base}/hexad-tag.js`)
    report.add(
      'ad-tag',
      'GET /hexad-tag.js loadable from other origins',
      tag.status === 200 && tag.headers.get('cross-origin-resource-policy') === 'cross-origin',
      `${tag.status}, cache-control: ${tag.headers.get('cache-control')}`,
    )
    const missing = await get(`${base}/no-such-page`)
    report.add('ad-tag', 'unknown paths are 404 (no SPA fallback)', missing.status === 404)
  },
}
