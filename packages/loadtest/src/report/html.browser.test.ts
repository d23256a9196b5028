import { mkdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromiumMissing, launchChromium, skipBecause } from '@hexad/test-support'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startFakeTarget } from '../../test/fake-target.ts'
import { runLoadTest } from '../run/load-test.ts'
import { publisher } from '../scenarios/publisher.ts'
import { parseThreshold } from '../thresholds.ts'
import { writeReport } from './write.ts'

// Debian's Chromium, never a downloaded one (CHROMIUM_PATH: another installed build, as the e2e
// suite reads it). CI installs it (.ci/toolchain.sh ensure_chromium), so there a missing browser
// is a failure; only a developer's machine may skip.
const missing = process.env.CI ? undefined : chromiumMissing()
const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url))

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 })

describe('the HTML report in Chromium', skipBecause(missing), () => {
  let browser: Browser
  let reportUrl: string

  beforeAll(async () => {
    const target = await startFakeTarget()
    try {
      const results = await runLoadTest({
        scenario: publisher,
        plan: {
          target: new URL(target.url),
          connections: 2,
          rate: null,
          rampUpMs: 1_000,
          durationMs: 2_000,
          timeoutMs: 5_000,
        },
        thresholds: [parseThreshold('p99<1s')],
        env: {},
        signal: new AbortController().signal,
      })
      const files = await writeReport(`${artifacts}report`, results)
      reportUrl = pathToFileURL(files.html).href
    } finally {
      await target.close()
    }
    browser = await launchChromium()
  })
  afterAll(() => browser?.close())

  it('draws every chart offline, with a line for every series', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } })
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(reportUrl)

    // 3 overview charts, then latency and status charts for each of the 3 endpoints.
    const charts = page.locator('svg.chart')
    await expect.poll(() => charts.count()).toBe(9)
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox()
      expect(box?.width).toBeGreaterThan(300)
      expect(box?.height).toBeGreaterThan(80)
      const lines = chart.locator('path.series')
      expect(await lines.count()).toBeGreaterThan(0)
      for (const line of await lines.all()) {
        expect(await line.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+/)
        // A drawn line has a real extent on screen (a flat one is at least its stroke wide).
        expect((await line.boundingBox())?.width).toBeGreaterThan(0)
      }
    }
    await expect.poll(() => page.locator('h1 .verdict').textContent()).toBe('PASSED')
    expect(requested).toEqual([reportUrl])

    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: `${artifacts}report.png`, fullPage: true })
  })
})
