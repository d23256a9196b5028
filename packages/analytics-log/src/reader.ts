// The reading half of the file contract (README, "How to read") for tests, tools and a local
// folder; names and lines as @hexad/contracts/analytics defines them.
import fs from 'node:fs'
import { join } from 'node:path'
import {
  type FileName,
  compareFileNames,
  parseFileName,
  splitLines,
} from '@hexad/contracts/analytics'

export interface AnalyticsFile extends FileName {
  name: string
  path: string
  /** The newest file of its tag in this folder: it may still be growing (README). */
  newest: boolean
}

export interface FileContent {
  /** Complete records, in file order. */
  records: Record<string, unknown>[]
  /**
   * Bytes after the last newline. In the newest file of a tag: a line still being written, read
   * it next time. In any other file: what a crash or an I/O error left; it is not a record.
   */
  tail: string
}

/**
 * The analytics files of one pod folder in write order (tag, then hour, then index), each marked
 * `newest` if no later file of its tag exists. Other files (the lock, strays) are left out.
 */
export async function listAnalyticsFiles(podDir: string): Promise<AnalyticsFile[]> {
  const files: AnalyticsFile[] = []
  for (const name of await fs.promises.readdir(podDir)) {
    const parsed = parseFileName(name)
    if (parsed) files.push({ ...parsed, name, path: join(podDir, name), newest: false })
  }
  files.sort((a, b) => (a.tag === b.tag ? compareFileNames(a, b) : a.tag < b.tag ? -1 : 1))
  for (let i = 0; i < files.length; i++) {
    files[i]!.newest = files[i + 1]?.tag !== files[i]!.tag
  }
  return files
}

/**
 * Reads one file whole, any tag's records as plain JSON (a reader that knows its tags validates
 * them with the contract's `lineParser`); fine for tests and tools, not for a 64 MiB stream.
 */
export async function readAnalyticsFile(path: string): Promise<FileContent> {
  const { lines, tail } = splitLines(await fs.promises.readFile(path, 'utf8'))
  const records = lines
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  return { records, tail }
}
