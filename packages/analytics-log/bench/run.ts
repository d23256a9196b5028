// pnpm --filter @hexad/analytics-log bench [-- --records 1000000 --rounds 1 --batch 100 --busy]
//
// Writes the same records through five writers, each in its own child process (so peak RSS is
// its own), in interleaved rounds (so a noisy neighbour hurts all alike), then reads every file
// back and counts the distinct records on disk. Time runs from the first write until the writer
// reports everything written and closed; throughput is the records found on disk per second of
// it. With --busy, one busy-loop process per core runs all along, as on a loaded machine.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  // `pnpm … bench -- --records 1000` passes the `--` along.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    records: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '1' },
    batch: { type: 'string', default: '100' },
    dir: { type: 'string' },
    busy: { type: 'boolean', default: false },
  },
})
const N = Number(values.records)
const ROUNDS = Number(values.rounds)
const BATCH = Number(values.batch)
const root = values.dir ?? mkdtempSync(join(tmpdir(), 'analytics-bench-'))
const child = fileURLToPath(new URL('./contender.ts', import.meta.url))

const contenders = [
  { name: 'raw-sync', label: '(a) raw pino.destination, sync' },
  { name: 'raw-async', label: "(a') raw pino.destination, async 4096" },
  { name: 'hexad', label: '(b) @hexad/analytics-log' },
  { name: 'pino-roll', label: '(c) pino + pino-roll (transport)' },
  { name: 'rotating-file-stream', label: '(d) pino + rotating-file-stream' },
  { name: 'winston', label: '(e) winston + daily-rotate-file' },
] as const

interface Run {
  recordsPerSec: number
  maxRssBytes: number
  onDisk: number
  files: number
  badLines: number
  waits: number
}

interface ChildResult {
  totalMs: number
  maxRssBytes: number
  /** How often the producer waited for the writer's 'relief' (hexad only). */
  waits: number
  /** Records the writer refused all the same (never expected). */
  refused: number
}

function runChild(name: string, dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [child, name, dir, String(N), String(BATCH)],
      { maxBuffer: 1 << 20, timeout: 10 * 60_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${name} failed: ${err.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split('\n').pop()!))
      },
    )
  })
}

/** Distinct records 0..N-1 found whole in the folder's log files; anything else is a bad line. */
function countOnDisk(dir: string): { onDisk: number; files: number; badLines: number } {
  const seen = new Uint8Array(N)
  let onDisk = 0
  let files = 0
  let badLines = 0
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    // Every file but winston's audit file (hexad's lock is gone after close).
    if (!entry.isFile() || entry.name.endsWith('.json')) continue
    const name = join(entry.parentPath, entry.name)
    files++
    const text = readFileSync(name, 'utf8')
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end)
      start = end + 1
      let seq: unknown
      try {
        seq = (JSON.parse(line) as { seq?: unknown }).seq
      } catch {
        badLines++
        continue
      }
      if (typeof seq !== 'number' || seq < 0 || seq >= N || seen[seq]) {
        badLines++
        continue
      }
      seen[seq] = 1
      onDisk++
    }
    if (start < text.length) badLines++ // a partial last line
  }
  return { onDisk, files, badLines }
}

/** One process per core spinning until killed: the machine is as busy as it can be. */
function startHogs(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  )
}

const runs = new Map<string, Run[]>(contenders.map((c) => [c.name, []]))
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
console.log(
  `${N.toLocaleString('en')} records, 16 MiB rotation, ${ROUNDS} round(s), a yield to the event loop every ${BATCH} records; in ${root}`,
)
const hogs = values.busy ? startHogs() : []
if (values.busy) console.log(`--busy: ${hogs.length} busy-loop processes running all along`)
console.log(`load average at start: ${load()}`)
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const c of contenders) {
      const dir = join(root, `${c.name}-${round}`)
      const result = await runChild(c.name, dir)
      const disk = countOnDisk(dir)
      rmSync(dir, { recursive: true, force: true })
      const run = {
        // What reached the disk, not what was handed to the writer.
        recordsPerSec: disk.onDisk / (result.totalMs / 1000),
        maxRssBytes: result.maxRssBytes,
        waits: result.waits,
        ...disk,
      }
      runs.get(c.name)!.push(run)
      console.log(
        `  round ${round} ${c.name.padEnd(21)} ${fmt(run.recordsPerSec)} records/s, ${mib(run.maxRssBytes)} MiB, ${run.onDisk.toLocaleString('en')} on disk` +
          (result.waits || result.refused
            ? `, waited for relief ${result.waits}×, refused ${result.refused}`
            : ''),
      )
    }
  }
} finally {
  for (const hog of hogs) hog.kill('SIGKILL')
  if (!values.dir) rmSync(root, { recursive: true, force: true })
}
console.log(`load average at end: ${load()}`)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const summary = contenders.map((c) => {
  const rs = runs.get(c.name)!
  return {
    ...c,
    recordsPerSec: median(rs.map((r) => r.recordsPerSec)),
    maxRssBytes: Math.max(...rs.map((r) => r.maxRssBytes)),
    onDisk: Math.min(...rs.map((r) => r.onDisk)),
    onDiskMax: Math.max(...rs.map((r) => r.onDisk)),
    files: median(rs.map((r) => r.files)),
    waits: Math.max(...rs.map((r) => r.waits)),
    badLines: Math.max(...rs.map((r) => r.badLines)),
  }
})
// The ceiling: the faster of pino's two ways to write a file.
const raw = Math.max(summary[0]!.recordsPerSec, summary[1]!.recordsPerSec)

console.log()
console.log(
  `${'writer'.padEnd(40)} ${'records/s'.padStart(11)} ${'× raw'.padStart(6)} ${'peak RSS'.padStart(9)} ${'on disk'.padStart(10)} ${'files'.padStart(5)} ${'bad'.padStart(4)}`,
)
for (const s of summary) {
  console.log(
    `${s.label.padEnd(40)} ${fmt(s.recordsPerSec).padStart(11)} ${(s.recordsPerSec / raw).toFixed(2).padStart(6)} ${(mib(s.maxRssBytes) + ' MiB').padStart(9)} ${s.onDisk.toLocaleString('en').padStart(10)} ${String(s.files).padStart(5)} ${String(s.badLines).padStart(4)}`,
  )
}
const hexad = summary[2]!
const others = summary.slice(3)
console.log()
console.log(
  `median of ${ROUNDS} round(s); peak RSS is the largest, on disk the smallest of the rounds`,
)
check(
  `hexad ≥ 0.9 × raw (the faster of (a), (a'))`,
  hexad.recordsPerSec >= 0.9 * raw,
  `${(hexad.recordsPerSec / raw).toFixed(2)} ×`,
)
check(
  'hexad ahead of (c), (d), (e)',
  others.every((o) => hexad.recordsPerSec > o.recordsPerSec),
  others
    .map((o) => `${o.name} ${(o.recordsPerSec / hexad.recordsPerSec).toFixed(2)} × hexad`)
    .join(', '),
)
check(
  `hexad: exactly ${N.toLocaleString('en')} records on disk in every round`,
  hexad.onDisk === N && hexad.onDiskMax === N && hexad.badLines === 0,
  `${hexad.onDisk.toLocaleString('en')}, ${hexad.badLines} bad lines, waited for relief ${hexad.waits}× at most`,
)
for (const s of summary.filter((s) => s !== hexad)) {
  const whole = s.onDisk === N && s.badLines === 0
  console.log(
    `${whole ? 'whole ' : 'LOST  '} ${s.name}: ${s.onDisk.toLocaleString('en')} on disk, ${s.badLines} bad lines`,
  )
}

function check(what: string, ok: boolean, detail: string) {
  console.log(`${ok ? 'met   ' : 'MISSED'} ${what}: ${detail}`)
}
function fmt(n: number) {
  return Math.round(n).toLocaleString('en')
}
function mib(n: number) {
  return Math.round(n / 1024 / 1024)
}
