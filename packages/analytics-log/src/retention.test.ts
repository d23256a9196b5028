import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Type from 'typebox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAnalyticsLog } from './analytics-log.ts'
import { LOCK_FILE } from './lock.ts'
import { applyRetention } from './retention.ts'

const HOUR = 3_600_000
let root: string
let podDir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'analytics-retention-'))
  podDir = join(root, 'pod-a')
  await mkdir(podDir)
})
afterEach(() => rm(root, { recursive: true, force: true }))

/** A file of `size` bytes last written `ageHours` ago. */
async function file(dir: string, name: string, size: number, ageHours: number) {
  await writeFile(join(dir, name), 'x'.repeat(size))
  const t = (Date.now() - ageHours * HOUR) / 1000
  await utimes(join(dir, name), t, t)
}

describe('retention', () => {
  it('deletes closed files older than maxAge, only analytics files, only its own folder', async () => {
    await file(podDir, 'click.20260101-00.0.log', 10, 80)
    await file(podDir, 'click.20260101-01.0.log', 10, 80) // open: kept however old
    await file(podDir, 'click.20260104-00.0.log', 10, 1)
    await file(podDir, 'notes.txt', 10, 80)
    await file(podDir, LOCK_FILE, 10, 80)
    await mkdir(join(root, 'pod-b'))
    await file(join(root, 'pod-b'), 'click.20260101-00.0.log', 10, 80)

    const result = await applyRetention(
      podDir,
      { maxAgeMs: 72 * HOUR, totalSizeCap: 1e9 },
      new Set(['click.20260101-01.0.log']),
    )
    expect(result.deleted).toEqual(['click.20260101-00.0.log'])
    expect((await readdir(podDir)).sort()).toEqual([
      'click.20260101-01.0.log',
      'click.20260104-00.0.log',
      'notes.txt',
      LOCK_FILE,
    ])
    expect(await readdir(join(root, 'pod-b'))).toEqual(['click.20260101-00.0.log'])
  })

  it('keeps the folder under the size cap, oldest closed files first', async () => {
    await file(podDir, 'view.20260101-00.0.log', 100, 5)
    await file(podDir, 'click.20260101-01.0.log', 100, 4)
    await file(podDir, 'click.20260101-02.0.log', 100, 3)
    await file(podDir, 'click.20260101-03.0.log', 100, 2) // open, counts towards the cap
    const result = await applyRetention(
      podDir,
      { maxAgeMs: 72 * HOUR, totalSizeCap: 250 },
      new Set(['click.20260101-03.0.log']),
    )
    expect(result).toEqual({
      deleted: ['view.20260101-00.0.log', 'click.20260101-01.0.log'],
      freedBytes: 200,
    })
  })

  it('runs when the writer starts, on what an earlier writer left', async () => {
    await file(podDir, 'click.20260101-00.0.log', 10, 100)
    await file(podDir, 'click.20260101-00.1.log', 10, 1)
    const log = await openAnalyticsLog({
      root,
      pod: 'pod-a',
      tags: { click: Type.Object({}) },
      maxAgeHours: 72,
    })
    for (let i = 0; i < 100 && (await readdir(podDir)).length > 2; i++) await sleep(5)
    expect((await readdir(podDir)).sort()).toEqual(['click.20260101-00.1.log', LOCK_FILE])
    await log.close()
  })
})
