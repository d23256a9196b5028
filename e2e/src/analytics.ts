import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

export type AnalyticsRecord = Record<string, unknown>

/**
 * Every complete record of one tag under an analytics root, read straight from the files
 * (`<root>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log`, one JSON object per line), as fluentd would.
 */
export async function readAnalytics(root: string, tag: string): Promise<AnalyticsRecord[]> {
  const pods = await readdir(root, { withFileTypes: true }).catch(() => [])
  const records: AnalyticsRecord[] = []
  for (const pod of pods.filter((entry) => entry.isDirectory())) {
    const names = await readdir(join(root, pod.name))
    for (const name of names.filter((n) => n.startsWith(`${tag}.`) && n.endsWith('.log'))) {
      const text = await readFile(join(root, pod.name, name), 'utf8')
      // Only whole lines: a last line without its newline is still being written.
      const complete = text.slice(0, text.lastIndexOf('\n') + 1)
      for (const line of complete.split('\n')) if (line) records.push(JSON.parse(line))
    }
  }
  return records
}
