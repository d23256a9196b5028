import fs from 'node:fs'
import { join } from 'node:path'
import { parseFileName } from '@hexad/contracts/analytics'

export interface RetentionPolicy {
  /** Closed files last written longer ago than this are deleted. */
  maxAgeMs: number
  /** Then, while the folder's analytics files add up to more than this, the oldest closed go. */
  totalSizeCap: number
}

interface Candidate {
  name: string
  size: number
  mtimeMs: number
}

/**
 * One retention pass over one pod folder. Only analytics files (by name) are considered, never the
 * files being written (`open`), never anything outside `dir`. Errors on single files are skipped:
 * retention runs again at the next rotation.
 */
export async function applyRetention(
  dir: string,
  policy: RetentionPolicy,
  open: ReadonlySet<string>,
  now = Date.now(),
): Promise<{ deleted: string[]; freedBytes: number }> {
  const deleted: string[] = []
  let freedBytes = 0
  const closed: Candidate[] = []
  let total = 0
  for (const name of await fs.promises.readdir(dir)) {
    if (!parseFileName(name)) continue
    let stat: fs.Stats
    try {
      stat = await fs.promises.lstat(join(dir, name))
    } catch {
      continue
    }
    if (!stat.isFile()) continue
    total += stat.size
    if (!open.has(name)) closed.push({ name, size: stat.size, mtimeMs: stat.mtimeMs })
  }
  // Oldest first: by last write, then by name for files written in the same millisecond.
  closed.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1))
  for (const file of closed) {
    const tooOld = now - file.mtimeMs > policy.maxAgeMs
    if (!tooOld && total <= policy.totalSizeCap) break
    try {
      await fs.promises.unlink(join(dir, file.name))
    } catch {
      continue
    }
    deleted.push(file.name)
    freedBytes += file.size
    total -= file.size
  }
  return { deleted, freedBytes }
}
