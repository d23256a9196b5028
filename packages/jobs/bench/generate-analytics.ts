// Synthetic fluentd output for the aggregation benchmark: one UTC day, 24 hourly partitions,
// 4 pods, impression and click files, lines exactly as @hexad/analytics-log writes them.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { S3_PREFIX, s3ObjectKey } from '@hexad/contracts/analytics'
import { DAY_MS, HOUR_MS, dayString, floorDay } from '@hexad/contracts/time'

// Yesterday (UTC): a day whose hours are all complete, so the job reads every one of them.
const BENCH_DAY_MS = floorDay(Date.now() - DAY_MS)
export const BENCH_DAY = dayString(BENCH_DAY_MS)
const PODS = ['ad-api-7f9c-a', 'ad-api-7f9c-b', 'ad-api-7f9c-c', 'ad-api-7f9c-d']
const CLICK_EVERY = 10 // one click per ten impressions
const DUPLICATE_EVERY = 100 // one beacon in a hundred fired twice

/** Writes `records` lines under `root` as the contract's S3 keys, `analytics/<tag>/dt=…/…gz`. */
export async function generateAnalytics(root: string, records: number, campaigns: number[]) {
  const files: string[] = []
  const perFile = Math.ceil(records / (24 * PODS.length))
  let written = 0
  for (let hour = 0; hour < 24; hour++) {
    const hh = String(hour).padStart(2, '0')
    for (const pod of PODS) {
      const impressions: string[] = []
      const clicks: string[] = []
      const add = (list: string[], line: string) => {
        if (written >= records || impressions.length + clicks.length >= perFile) return false
        list.push(line)
        written++
        return true
      }
      for (let n = 0; ; n++) {
        const campaign = campaigns[written % campaigns.length] ?? 1
        const time = `${BENCH_DAY}T${hh}:${String(n % 60).padStart(2, '0')}:07.123Z`
        const fields = { requestId: randomUUID(), campaign, creative: campaign * 3, slot: 'top' }
        const impression = `${JSON.stringify({ time, tag: 'impression', pod, ...fields })}\n`
        if (!add(impressions, impression)) break
        if (n % DUPLICATE_EVERY === 0) add(impressions, impression)
        if (n % CLICK_EVERY === 0) {
          add(clicks, `${JSON.stringify({ time, tag: 'click', pod, ...fields })}\n`)
        }
      }
      for (const [tag, lines] of [
        ['impression', impressions],
        ['click', clicks],
      ] as const) {
        const hourStart = BENCH_DAY_MS + hour * HOUR_MS
        const key = s3ObjectKey(S3_PREFIX, { tag, hourStart, pod, chunkId: '0001' })
        const path = join(root, key)
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, gzipSync(lines.join('')))
        files.push(key)
      }
    }
  }
  return files
}
