// Synthetic fluentd output for the aggregation benchmark: one UTC day, 24 hourly partitions,
// 4 pods, impression and click files, lines exactly as @hexad/analytics-log writes them.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'

// Yesterday (UTC): a day whose hours are all complete, so the job reads every one of them.
export const BENCH_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
const PODS = ['ad-api-7f9c-a', 'ad-api-7f9c-b', 'ad-api-7f9c-c', 'ad-api-7f9c-d']
const CLICK_EVERY = 10 // one click per ten impressions
const DUPLICATE_EVERY = 100 // one beacon in a hundred fired twice

/** Writes `records` lines under `root` as S3 keys `analytics/<tag>/dt=…/hour=HH/<pod>-<n>.gz`. */
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
        const key = `analytics/${tag}/dt=${BENCH_DAY}/hour=${hh}/${pod}-0001.gz`
        const path = join(root, key)
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, gzipSync(lines.join('')))
        files.push(key)
      }
    }
  }
  return files
}
