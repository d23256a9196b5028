// The reader every test ends with: re-reads every file of a pod folder and checks the contract.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { hourKey } from '@hexad/contracts/analytics'
import { listAnalyticsFiles, readAnalyticsFile } from '../src/reader.ts'

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export interface FolderRecords {
  /** Records of each tag, in write order (files by hour and index, lines in file order). */
  byTag: Map<string, Record<string, unknown>[]>
  files: string[]
  /** Partial last lines found (only tolerated with `allowDebris`). */
  debris: string[]
}

/**
 * Throws on the first broken promise: a line that is not JSON, fields not led by time, tag and
 * pod, a tag or pod that is not the file's, a record outside its file's hour, `seq` not
 * increasing through a tag's files (so: no duplicate, no reordering), a partial line. With
 * `allowDebris`, a file that is not the newest of its tag may end in the start of a line (an I/O
 * error cut it; README), provided that line is found whole later.
 */
export async function verifyFolder(
  podDir: string,
  { allowDebris = false }: { allowDebris?: boolean } = {},
): Promise<FolderRecords> {
  const pod = basename(podDir)
  const byTag = new Map<string, Record<string, unknown>[]>()
  const files: string[] = []
  const debris: string[] = []
  const lastSeq = new Map<string, number>()
  for (const file of await listAnalyticsFiles(podDir)) {
    files.push(file.name)
    const { records, tail } = await readAnalyticsFile(file.path)
    const lines = readFileSync(file.path, 'utf8').split('\n')
    records.forEach((record, i) => {
      const where = `${file.name} line ${i + 1}`
      const keys = Object.keys(record)
      if (keys[0] !== 'time' || keys[1] !== 'tag' || keys[2] !== 'pod') {
        throw new Error(`${where}: fields start ${keys.slice(0, 3).join(',')}`)
      }
      if (!lines[i]!.startsWith('{"time":"')) throw new Error(`${where}: does not start with time`)
      if (!ISO_MS_UTC.test(String(record.time))) throw new Error(`${where}: time ${record.time}`)
      if (record.tag !== file.tag) throw new Error(`${where}: tag ${record.tag}`)
      if (record.pod !== pod) throw new Error(`${where}: pod ${record.pod}`)
      if (hourKey(Date.parse(String(record.time))) !== file.hour) {
        throw new Error(`${where}: time ${record.time} is not in hour ${file.hour}`)
      }
      if (typeof record.seq === 'number') {
        const last = lastSeq.get(file.tag) ?? -Infinity
        if (record.seq <= last) throw new Error(`${where}: seq ${record.seq} after ${last}`)
        lastSeq.set(file.tag, record.seq)
      }
    })
    if (tail !== '') {
      if (!allowDebris || file.newest) throw new Error(`${file.name}: partial last line ${tail}`)
      debris.push(tail)
    }
    byTag.set(file.tag, [...(byTag.get(file.tag) ?? []), ...records])
  }
  for (const piece of debris) {
    const whole = [...byTag.values()].flat().some((r) => JSON.stringify(r).startsWith(piece))
    if (!whole) throw new Error(`partial line never written whole: ${piece}`)
  }
  return { byTag, files, debris }
}

/** The `seq` of each record of a tag, for comparing with what the writer accepted. */
export function seqs(records: Record<string, unknown>[] | undefined): number[] {
  return (records ?? []).map((r) => r.seq as number)
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}
