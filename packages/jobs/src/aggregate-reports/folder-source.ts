import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { dayString, hourString } from './hours.ts'
import { decoded } from '../shared/read-lines.ts'
import { COUNTED_TAGS, type AnalyticsSource, type InputFile } from './sources.ts'

// @hexad/analytics-log's file contract: <root>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log, never renamed,
// every record's time inside the file's UTC hour; writer.lock and nothing else sits beside them.
const FILE_NAME = /^([a-z][a-z0-9_]*)\.(\d{8}-\d{2})\.\d+\.log$/

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
      const key = `${dayString(hourStart).replaceAll('-', '')}-${hourString(hourStart)}`
      const files: InputFile[] = []
      for (const tag of COUNTED_TAGS) {
        for (const path of (await index).get(`${tag}.${key}`) ?? []) {
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
      const match = FILE_NAME.exec(name)
      if (!match) continue
      const key = `${match[1]}.${match[2]}`
      const paths = index.get(key) ?? []
      paths.push(join(root, pod, name))
      index.set(key, paths)
    }
  }
  return index
}
