// One contender in its own process, so its peak RSS is its own. Prints one JSON line.
//   node bench/contender.ts <name> <dir> <records> <batch>
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { impression, makeRecord } from './records.ts'

// Each contender imports only its own libraries, so the peak RSS is its own.

const [name, dir, recordsArg, batchArg] = process.argv.slice(2) as [string, string, string, string]
const N = Number(recordsArg)
const BATCH = Number(batchArg)
const ROTATE = 16 * 1024 * 1024
const TAG = 'impression'
const POD = 'bench-0'
mkdirSync(dir, { recursive: true })

// Lines of the same size as hexad's for every pino-based contender: ISO time, tag and pod, no
// level (pino writes the level formatter's output first, so the tag stands in for it).
const pinoOptions: pino.LoggerOptions = {
  base: { pod: POD },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: () => ({ tag: TAG }) },
}

interface Contender {
  /** False when the writer refused the record (only hexad's can say so). */
  write(seq: number): boolean
  /** Resolves when the writer invites records again; undefined when it is not under pressure. */
  pressure?(): Promise<void> | undefined
  close(): Promise<void>
}

async function setup(): Promise<Contender> {
  switch (name) {
    case 'raw-sync':
    case 'raw-async': {
      // pino's own file destination, no rotation: the ceiling. Synchronous (a write per line)
      // and its documented asynchronous mode (minLength 4096); the faster one is the ceiling.
      const dest = pino.destination(
        name === 'raw-sync'
          ? { dest: join(dir, `${TAG}.log`), sync: true }
          : { dest: join(dir, `${TAG}.log`), sync: false, minLength: 4096 },
      )
      const logger = pino(pinoOptions, dest)
      return {
        write: (seq) => (logger.info(makeRecord(seq)), true),
        close: async () => {
          const closed = once(dest, 'close')
          dest.end()
          await closed
        },
      }
    }
    case 'hexad': {
      const { openAnalyticsLog } = await import('../src/index.ts')
      const log = await openAnalyticsLog({
        root: dir,
        pod: POD,
        tags: { impression },
        maxBytes: ROTATE,
        strict: false,
      })
      return {
        write: (seq) => log.write('impression', makeRecord(seq)),
        // As a service does: while the writer is under pressure (its /readyz fails), wait for
        // 'relief' rather than write into a refusal.
        pressure: () => (log.pressure === undefined ? undefined : once(log, 'relief').then(noop)),
        close: () => log.close(),
      }
    }
    case 'pino-roll': {
      // As its README uses it: a pino transport, so it runs in a worker thread.
      const transport = pino.transport({
        target: 'pino-roll',
        options: { file: join(dir, TAG), extension: '.log', size: '16m' },
      })
      const logger = pino(pinoOptions, transport)
      return {
        write: (seq) => (logger.info(makeRecord(seq)), true),
        close: async () => {
          // thread-stream's end() blocks until the worker has taken everything, then 'finish'.
          const finished = once(transport, 'finish')
          transport.end()
          await finished
        },
      }
    }
    case 'rotating-file-stream': {
      const { createStream } = await import('rotating-file-stream')
      const stream = createStream((time, index) => `${TAG}.${index ?? 0}.log`, {
        path: dir,
        size: '16M',
      })
      const logger = pino(pinoOptions, stream)
      return {
        write: (seq) => (logger.info(makeRecord(seq)), true),
        close: async () => {
          const finished = once(stream, 'finish')
          stream.end()
          await finished
        },
      }
    }
    case 'winston': {
      const { default: winston } = await import('winston')
      const { default: DailyRotateFile } = await import('winston-daily-rotate-file')
      const transport = new DailyRotateFile({
        dirname: dir,
        filename: `${TAG}-%DATE%.log`,
        datePattern: 'YYYYMMDD-HH',
        maxSize: '16m',
        auditFile: join(dir, 'audit.json'),
      })
      const logger = winston.createLogger({
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
        defaultMeta: { tag: TAG, pod: POD },
        transports: [transport],
      })
      return {
        write: (seq) => (logger.info('', makeRecord(seq)), true),
        close: async () => {
          const loggerDone = once(logger, 'finish')
          logger.end()
          await loggerDone
          const closed = once(transport, 'finish')
          transport.close?.()
          await closed
        },
      }
    }
    default:
      throw new Error(`unknown contender ${name}`)
  }
}

const noop = () => {}
const contender = await setup()
const started = performance.now()
let waits = 0
let refused = 0
for (let seq = 0; seq < N;) {
  const relief = contender.pressure?.()
  if (relief) {
    waits++
    await relief
    continue
  }
  if (!contender.write(seq)) {
    refused++ // never expected: pressure comes first; the same record goes again
    await (contender.pressure?.() ?? new Promise(setImmediate))
    continue
  }
  seq++
  // A server writes a few records per request, between I/O events: give the loop its turn.
  if (seq % BATCH === 0) await new Promise(setImmediate)
}
const accepted = performance.now()
await contender.close()
const ended = performance.now()
process.stdout.write(
  JSON.stringify({
    name,
    writeMs: accepted - started,
    totalMs: ended - started,
    waits,
    refused,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\n',
)
