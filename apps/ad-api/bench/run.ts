// `pnpm --filter @hexad/ad-api bench`: in one run, a bare Fastify hello world (the ceiling on
// this machine), the same hello world busy for 2 and 5 µs per request (what a little work costs
// here, for reading the ratios), service-kit as ad-api sets it up around an empty 204 handler
// (the floor under /v1/imp), and ad-api with 1,000 campaigns and analytics logging on, each
// driven by autocannon; prints req/s, p50/p99 and the ratio to the ceiling, then checks that
// every 204 of /v1/imp left exactly one impression record on disk. Every impression carries a
// token of its own (ad-api records a token once; a replay would measure a cheaper path), signed
// here with the key ad-api was given. BENCH_SECONDS and
// BENCH_CONNECTIONS override the defaults (10 s, 50 connections).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { listAnalyticsFiles, readAnalyticsFile } from '@hexad/analytics-log'
import type { Ad } from '@hexad/contracts/ads'
import autocannon, { type Request, type Result } from 'autocannon'
import { parseTokenKeys } from '../src/tokens/keys.ts'
import { signToken, verifyToken } from '../src/tokens/token.ts'
import { seedBenchDatabase } from './seed.ts'
import { freePort } from '@hexad/test-support'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const WARMUP_SECONDS = 2
const CAMPAIGNS = 1_000
const appDir = fileURLToPath(new URL('..', import.meta.url))

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} never answered`)
}

function start(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exited
  return code as number | null
}

async function drive(
  url: string,
  requests: Request[] | undefined,
  seconds: number,
): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(requests ? { requests: requests.map((r) => ({ method: 'GET' as const, ...r })) } : {}),
  })
}

/** Warm the JIT up, then measure; both runs' 2xx counts are returned for the record check. */
async function measure(url: string, requests?: Request[]) {
  const warmup = await drive(url, requests, WARMUP_SECONDS)
  const result = await drive(url, requests, SECONDS)
  return { result, ok: warmup['2xx'] + result['2xx'] }
}

/** Complete impression records in the pod's folder, read the way the shipper would. */
async function countRecords(podDir: string, tag: string): Promise<number> {
  let count = 0
  for (const file of await listAnalyticsFiles(podDir)) {
    if (file.tag === tag) count += (await readAnalyticsFile(file.path)).records.length
  }
  return count
}

// --- the ceiling -------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'ad-api-bench-'))
console.log(
  `machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
)
console.log(
  `load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up\n`,
)

async function helloWorld(script: string, env: Record<string, string> = {}): Promise<Result> {
  const helloPort = await freePort()
  const hello = start(script, { ...env, PORT: String(helloPort) })
  await waitFor(`http://127.0.0.1:${helloPort}/`, hello)
  const result = (await measure(`http://127.0.0.1:${helloPort}/`)).result
  await stop(hello)
  return result
}
const ceiling = await helloWorld('bench/hello-world.ts')
const work2 = await helloWorld('bench/hello-world.ts', { WORK_US: '2' })
const work5 = await helloWorld('bench/hello-world.ts', { WORK_US: '5' })
const kit = await helloWorld('bench/kit-hello-world.ts')

// --- ad-api --------------------------------------------------------------------------------
const points = await seedBenchDatabase(join(work, 'bench.sqlite'), CAMPAIGNS)
const port = await freePort()
const opsPort = await freePort()
const base = `http://127.0.0.1:${port}`
const tokenKeys = `bench:${randomBytes(32).toString('base64url')}`
const analyticsDir = join(work, 'analytics')
const adApi = start('src/server.ts', {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(port),
  OPS_PORT: String(opsPort),
  LOG_LEVEL: 'warn',
  SHUTDOWN_DELAY_MS: '0',
  DATABASE_URL: `sqlite:${join(work, 'bench.sqlite')}`,
  AD_TOKEN_KEYS: tokenKeys,
  PUBLIC_BASE_URL: base,
  ANALYTICS_LOG_DIR: analyticsDir,
  POD_NAME: 'bench-0',
})
await waitFor(`${base}/readyz`, adApi)

const adRequests = points.slice(0, 200).map((p) => ({
  path: `/v1/ads?slot=bench&lat=${p.lat.toFixed(5)}&lng=${p.lng.toFixed(5)}`,
}))
const ads = (await measure(base, adRequests)).result

const sample = (await (await fetch(`${base}${adRequests[0]!.path}`)).json()) as Ad
const keys = parseTokenKeys(tokenKeys)
const verified = verifyToken(keys, new URL(sample.impUrl).pathname.split('/').at(-1)!, 3600)
if (!verified.ok) throw new Error(`the sample ad's token does not verify: ${verified.reason}`)
const { claims } = verified
const imp = await measure(base, [
  {
    // The sample ad's impression, under a new request id each time.
    setupRequest: (request) => ({
      ...request,
      path: `/v1/imp/${signToken(keys, { ...claims, requestId: randomUUID(), iat: Math.floor(Date.now() / 1000) })}`,
    }),
  },
])
// The server's own count of 204s: autocannon stops counting at the deadline, while requests it
// had in flight are still answered (and recorded) by the server.
const metrics = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text()
const answered204 = Number(
  /^http_request_duration_seconds_count\{method="GET",route="\/v1\/imp\/\*",status_code="204"\} (\d+)$/m.exec(
    metrics,
  )?.[1] ?? NaN,
)
const exitCode = await stop(adApi)
const impressionRecords = await countRecords(join(analyticsDir, 'bench-0'), 'impression')
rmSync(work, { recursive: true, force: true })

// --- report --------------------------------------------------------------------------------
const rows = [
  { name: 'hello world (ceiling)', r: ceiling, target: undefined },
  { name: '  + 2 µs of work', r: work2, target: undefined },
  { name: '  + 5 µs of work', r: work5, target: undefined },
  { name: 'service-kit, empty 204', r: kit, target: undefined },
  { name: 'GET /v1/ads', r: ads, target: 0.6 },
  { name: 'GET /v1/imp/:token', r: imp.result, target: 0.75 },
]
const pad = (s: string | number, n: number) => String(s).padStart(n)
console.log(
  `${'endpoint'.padEnd(24)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}${pad('× ceiling', 11)}${pad('target', 9)}`,
)
let pass = true
for (const { name, r, target } of rows) {
  const errors = r.errors + r.timeouts + r.non2xx
  const ratio = r.requests.average / ceiling.requests.average
  const ok = target === undefined || (ratio >= target && r.latency.p99 <= 10 && errors === 0)
  pass &&= ok
  console.log(
    `${name.padEnd(24)}${pad(Math.round(r.requests.average), 10)}${pad(r.latency.p50, 9)}${pad(r.latency.p99, 9)}${pad(errors, 8)}${pad(ratio.toFixed(2), 11)}${pad(target === undefined ? '' : `≥ ${target}${ok ? ' ✓' : ' ✗'}`, 9)}`,
  )
}
const recordsMatch = impressionRecords === answered204
pass &&= recordsMatch && exitCode === 0
console.log(
  `\nimpression records on disk: ${impressionRecords}, 204s answered by ad-api: ${answered204} → ${recordsMatch ? 'equal ✓' : 'DIFFERENT ✗'}` +
    ` (autocannon saw ${imp.ok}: it stops counting at the deadline)`,
)
console.log(`ad-api exit code after SIGTERM: ${exitCode}`)
console.log('targets: ads ≥ 0.6 × ceiling, imp ≥ 0.75 × ceiling, p99 ≤ 10 ms, zero errors')
console.log(
  'the "+ N µs of work" rows: the ratio any handler gets here for that much CPU per request',
)
console.log('(a shared machine skews both sides of the ratio; compare runs with care)')
process.exitCode = pass ? 0 : 1
