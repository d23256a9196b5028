import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { hourKey, parseFileName } from '@hexad/contracts/analytics'
import { decoded } from '../shared/read-lines.ts'
import { COUNTED_TAGS, type AnalyticsSource, type InputFile } from './sources.ts'

// The file contract (@hexad/contracts/analytics, and analytics-log's README): files named
// <root>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log, never renamed, every record's time inside the
// file's UTC hour; the writer's lock and nothing else sits beside them.

/**
 * The analytics-log folder itself (local development, or a job mounting the EFS volume). The
 * folder is listed once per run: files of the hours a run reads are complete by then.
 */
export function folderSource(root: string): AnalyticsSource {
  let index: Promise<Map<string, string[]>> | undefined
  return {
    location: root,
    async filesForHour(hourStart) {
      index ??= indexFolder(root)
      const hour = hourKey(hourStart)
      const files: InputFile[] = []
      for (const tag of COUNTED_TAGS) {
        for (const path of (await index).get(`${tag}.${hour}`) ?? []) {
          files.push({ name: path, open: async () => decoded(path, createReadStream(path)) })
        }
      }
      return files
    },
  }
}

/** `<tag>.<YYYYMMDD-HH>` → the paths of that hour's files of that tag, every pod's. */
async function indexFolder(root: string): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>()
  let pods
  try {
    pods = await readdir(root, { withFileTypes: true })
  } catch (err) {
    throw new Error(`cannot read ANALYTICS_LOG_DIR ${root}`, { cause: err })
  }
  for (const pod of pods
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    for (const name of (await readdir(join(root, pod))).sort()) {
      const file = parseFileName(name)
      if (!file) continue
      const key = `${file.tag}.${file.hour}`
      const paths = index.get(key) ?? []
      paths.push(join(root, pod, name))
      index.set(key, paths)
    }
  }
  return index
}
