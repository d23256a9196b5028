import fs from 'node:fs'
import { join } from 'node:path'
import { type FileName, compareFileNames, parseFileName } from './file-names.ts'

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

/** Reads one file whole; fine for tests, tools and a local folder, not for a 64 MiB stream. */
export async function readAnalyticsFile(path: string): Promise<FileContent> {
  const text = await fs.promises.readFile(path, 'utf8')
  const end = text.lastIndexOf('\n') + 1
  const records: Record<string, unknown>[] = []
  for (const line of text.slice(0, end).split('\n')) {
    if (line !== '') records.push(JSON.parse(line) as Record<string, unknown>)
  }
  return { records, tail: text.slice(end) }
}
