import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import type { LoadTestResults } from '../results.ts'
import { renderHtml } from './html.ts'

export interface ReportFiles {
  json: string
  html: string
}

export async function writeReport(dir: string, results: LoadTestResults): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true })
  const files = { json: join(dir, 'report.json'), html: join(dir, 'report.html') }
  await writeFile(files.json, `${JSON.stringify(results, null, 2)}\n`)
  await writeFile(files.html, renderHtml(results))
  return files
}

/** Both reports in one zip, for Slack (which would show an .html upload as source text). */
export function zipReport(results: LoadTestResults): Uint8Array {
  return zipSync({
    'report.html': strToU8(renderHtml(results)),
    'report.json': strToU8(`${JSON.stringify(results, null, 2)}\n`),
  })
}
