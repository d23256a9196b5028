import type { FastifyServerOptions } from 'fastify'
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

export function loggerOptions(
  config: Pick<BaseConfig, 'LOG_LEVEL' | 'NODE_ENV'>,
  stream?: DestinationStream,
): NonNullable<FastifyServerOptions['logger']> {
  const options: LoggerOptions & { stream?: DestinationStream } = {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.ip,
        headers: req.headers,
      }),
    },
  }
  if (stream) options.stream = stream
  // Pretty output is for a person at a terminal; anything else (a pod, a pipe) gets JSON lines.
  else if (config.NODE_ENV === 'development' && process.stdout.isTTY) {
    options.transport = { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } }
  }
  return options
}
