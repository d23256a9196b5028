// The writer against @hexad/contracts/analytics: every tag hexad declares, written here, is read
// back by the contract's own parsers: file names, the head of each line, each tag's fields.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ANALYTICS_TAGS,
  type AnalyticsRecord,
  type AnalyticsTag,
  analyticsRecords,
  lineHead,
  lineParser,
  parseFileName,
  splitLines,
} from '@hexad/contracts/analytics'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAnalyticsLog } from './analytics-log.ts'

const requestId = '3f2c8a4e-9b1d-4c6e-8f0a-2d7b5e9c1a34'
const samples: { [K in AnalyticsTag]: AnalyticsRecord<K> } = {
  ad_request: {
    requestId,
    slot: 'top',
    filled: true,
    campaign: 7,
    creative: 70,
    latencyMs: 1.5,
    geohash: 'u33db',
  },
  impression: { requestId, campaign: 7, creative: 70, slot: 'top' },
  click: { requestId, campaign: 7, creative: 70, slot: 'top' },
  audit: {
    requestId: 'req-1',
    action: 'update',
    outcome: 'success',
    userId: '3',
    tenantId: '1',
    resource: 'campaign',
    resourceId: '7',
    ip: '10.0.0.1',
  },
}
const silent = { error() {}, warn() {}, info() {} }

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'analytics-log-contract-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('the writer keeps the analytics contract', () => {
  it('writes each tag to <tag>.<YYYYMMDD>-<HH>.<n>.log in lines the contract reads', async () => {
    const pod = 'ad-api-7d9f-x2k4p'
    const time = '2026-11-25T09:59:59.123Z'
    const log = await openAnalyticsLog({
      root,
      pod,
      tags: analyticsRecords,
      now: () => Date.parse(time),
      strict: true,
      logger: silent,
    })
    for (const tag of ANALYTICS_TAGS) expect(log.write(tag, samples[tag]), tag).toBe(true)
    await log.close()

    const podDir = join(root, pod)
    const names = (await readdir(podDir)).sort()
    // The names as README, fluent.conf and the report job have always known them.
    expect(names).toEqual([
      'ad_request.20261125-09.0.log',
      'audit.20261125-09.0.log',
      'click.20261125-09.0.log',
      'impression.20261125-09.0.log',
    ])
    const parse = lineParser(ANALYTICS_TAGS)
    for (const name of names) {
      const file = parseFileName(name)!
      const tag = file.tag as AnalyticsTag
      expect(file).toEqual({ tag, hour: '20261125-09', index: 0 })
      const { lines, tail } = splitLines(await readFile(join(podDir, name), 'utf8'))
      expect(tail).toBe('')
      expect(lines.map(parse)).toEqual([{ time, tag, pod, ...samples[tag] }])
      expect(Object.keys(JSON.parse(lines[0]!)).slice(0, 3)).toEqual(
        Object.keys(lineHead.properties),
      )
    }
  })
})
