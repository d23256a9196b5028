// Fails the build when the JavaScript loaded before the first paint exceeds the budget.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { initialChunks, type ManifestChunk } from './initial-chunks.ts'

const BUDGET_BYTES = 120 * 1024
const dist = join(import.meta.dirname, '..', 'dist')

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>

let total = 0
for (const file of initialChunks(manifest)) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += size
  console.log(`${file.padEnd(40)} ${(size / 1024).toFixed(1).padStart(7)} KB gzip`)
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER'
console.log(
  `initial JS: ${(total / 1024).toFixed(1)} KB gzip, ${verdict} the ${BUDGET_BYTES / 1024} KB budget`,
)
if (total > BUDGET_BYTES) process.exit(1)
