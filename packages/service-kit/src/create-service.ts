import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyCorsOptions } from '@fastify/cors'
import sensible from '@fastify/sensible'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { HelmetOptions } from 'helmet'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify'
import type { DestinationStream } from 'pino'
import type { TagSchemas } from '@hexad/analytics-log'
import { analyticsPlugin } from './analytics.ts'
import { analyticsLogOptions } from './analytics-config.ts'
import type { BaseConfig, Environment } from './config.ts'
import { corsOrigins, registerCors } from './cors.ts'
import { errorsPlugin } from './errors.ts'
import { healthPlugin } from './health.ts'
import { logController, loggerOptions } from './logger.ts'
import { metricsPlugin } from './metrics.ts'
import { lazyRequestLogger } from './request-logger.ts'
import { registerJsonParser } from './json-body.ts'
import { decorateOperations } from './operations.ts'
import { decorateRouteCatalog } from './route-catalog.ts'
import { helmetHeaders } from './security-headers.ts'
import { validatorCompiler } from './validation.ts'

export type ServiceInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

export interface ServiceOptions {
  config: BaseConfig
  /**
   * Per-service CORS options (methods, credentials …) over the default: the origins in
   * CORS_ORIGINS, without credentials.
   */
  cors?: FastifyCorsOptions
  /** helmet's options for the security headers; `false` when the service sends its own. */
  helmet?: HelmetOptions | false
  /** Headers for every response besides (or, with `helmet: false`, instead of) helmet's. */
  headers?: Record<string, string>
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream
  /**
   * One log line per request in and out (default true). A hot path serving thousands of
   * requests a second turns it off: its metrics and analytics records already count every
   * request, and errors are still logged.
   */
  requestLogs?: boolean
  /**
   * Tagged analytics records: the service's tags and their record schemas. The kit then reads
   * the writer's variables (ANALYTICS_*, POD_NAME; a ConfigError names every bad one), opens it
   * (failing start-up if its folder is locked by another live writer), serves it as
   * `app.analytics`, measures it in `app.metrics`, and flushes and closes it in `app.close()`.
   * Programming errors (undeclared tag, invalid record) throw unless NODE_ENV is production.
   */
  analytics?: { tags: TagSchemas }
  /**
   * `false` for a service with no route that takes a body (ad-api): no body parser at all, so a
   * body sent to any route is refused (415) without a byte of it being parsed.
   */
  bodies?: false
  /** Where the kit reads the variables it owns (ANALYTICS_*): process.env unless a test says. */
  env?: Environment
}

/** A Fastify instance with everything every hexad service shares; the service adds its routes. */
export async function createService(options: ServiceOptions): Promise<ServiceInstance> {
  const { config } = options
  // Before anything is built, so bad variables stop the start with nothing to clean up.
  const analytics = options.analytics && {
    strict: config.NODE_ENV !== 'production',
    ...analyticsLogOptions(options.env ?? process.env),
    tags: options.analytics.tags,
  }
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: logController(config, options.requestLogs !== false),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Believe X-Forwarded-For only for the hops we run behind (the ALB), so clients can't spoof it.
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    childLoggerFactory: lazyRequestLogger,
  }).withTypeProvider<TypeBoxTypeProvider>()
  decorateRouteCatalog(app)
  decorateOperations(app)
  app.setValidatorCompiler(validatorCompiler())
  if (options.bodies === false) app.removeAllContentTypeParsers()
  else registerJsonParser(app)
  await app.register(sensible)

  // Everything a response carries whoever asks is computed once and set by one hook, a
  // callback-style one: on every request of a hot path, each hook and each promise is measurable.
  const headers = {
    ...(options.helmet === false ? {} : helmetHeaders(options.helmet)),
    ...options.headers,
    ...(await registerCors(app, { origin: corsOrigins(config), ...options.cors })),
  }
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    reply.headers(headers)
    done()
  })
  await app.register(errorsPlugin)
  await app.register(healthPlugin)
  await app.register(metricsPlugin)
  if (analytics) await app.register(analyticsPlugin, analytics)
  return app
}
