import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino'

type LogArgs = Parameters<LogFn>

/**
 * A request's logger that becomes a real pino child only when something is logged. Fastify asks
 * for a child bound to the request id on every request; pino builds one by serialising and
 * redacting those bindings, which on a hot path that logs nothing (ad-api) was a measurable
 * share of each request. A request that does log gets exactly the child it would have had.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger
  readonly #bindings: Bindings
  readonly #options: ChildLoggerOptions
  #child: FastifyBaseLogger | undefined

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent
    this.#bindings = bindings
    this.#options = options
  }

  #logger(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options))
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level
  }

  set level(level: string) {
    this.#logger().level = level
  }

  fatal(...args: LogArgs): void {
    this.#logger().fatal(...args)
  }
  error(...args: LogArgs): void {
    this.#logger().error(...args)
  }
  warn(...args: LogArgs): void {
    this.#logger().warn(...args)
  }
  info(...args: LogArgs): void {
    this.#logger().info(...args)
  }
  debug(...args: LogArgs): void {
    this.#logger().debug(...args)
  }
  trace(...args: LogArgs): void {
    this.#logger().trace(...args)
  }
  silent(...args: LogArgs): void {
    this.#logger().silent(...args)
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger().child(bindings, options)
  }
}

/** Fastify's `childLoggerFactory`: one lazy logger per request. */
export function lazyRequestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyRequestLogger(parent, bindings, options)
}
