import { fileURLToPath } from 'node:url'
import { LogController, type FastifyReply, type FastifyServerOptions } from 'fastify'
import type { DestinationStream, LoggerOptions } from 'pino'
import type { BaseConfig } from './config.ts'

/** Headers that carry credentials: never written to a log line. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
]

type LogConfig = Pick<BaseConfig, 'LOG_LEVEL' | 'NODE_ENV'>

/**
 * Production (and tests): pino's JSON lines, a request's headers included (credentials redacted),
 * for the log pipeline to search. Development (`pnpm dev`): pino-pretty, one short line per
 * event, no headers.
 */
export function loggerOptions(
  config: LogConfig,
  stream?: DestinationStream,
): NonNullable<FastifyServerOptions['logger']> {
  const development = config.NODE_ENV === 'development'
  const options: LoggerOptions & { stream?: DestinationStream } = {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.ip,
        ...(development ? {} : { headers: req.headers }),
      }),
    },
  }
  const pretty = development && prettyTransport()
  if (stream) options.stream = stream
  else if (pretty) options.transport = pretty
  return options
}

/**
 * pino-pretty is a devDependency, in no image: resolved from here when installed, else the
 * service keeps to JSON (an image started with NODE_ENV=development still starts).
 */
function prettyTransport(): LoggerOptions['transport'] | undefined {
  let target: string
  try {
    target = fileURLToPath(import.meta.resolve('pino-pretty'))
  } catch {
    return undefined
  }
  return {
    target,
    options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,reqId', singleLine: true },
  }
}

/**
 * Development: the request line a person reads, once per request when it is answered
 * ("GET /api/me 401 1.8 ms"), instead of Fastify's two (incoming, completed) carrying the request.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: Parameters<LogController['requestCompleted']>[1],
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return
    const line = `${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`
    if (error) reply.log.error({ err: error }, line)
    else reply.log.info(line)
  }
}

/** Fastify's `logController`: its per-request lines (or none: `requestLogs` false). */
export function logController(config: LogConfig, requestLogs: boolean): LogController {
  const options = { disableRequestLogging: !requestLogs }
  return config.NODE_ENV === 'development'
    ? new OneLinePerRequest(options)
    : new LogController(options)
}
