// Fails the build when hexad-tag.js, Vue's runtime included, exceeds its gzip budget: it loads on
// every publisher page, often on a phone.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 35 * 1024
const file = new URL('../dist/hexad-tag.js', import.meta.url)
const size = gzipSync(readFileSync(file), { level: 9 }).length
const verdict = size <= BUDGET_BYTES ? 'within' : 'OVER'
console.log(
  `hexad-tag.js: ${(size / 1024).toFixed(1)} KB gzip, ${verdict} the ${BUDGET_BYTES / 1024} KB budget`,
)
if (size > BUDGET_BYTES) process.exit(1)
