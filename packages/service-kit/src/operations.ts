import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyPluginCallback,
  FastifyRequest,
  RouteOptions,
} from 'fastify'
import { inject, type InjectOptions, type Response } from 'light-my-request'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered on the operations port only (metrics, API docs); 404 on the public port. */
    operations?: boolean
  }
  interface FastifyInstance {
    operations: Operations
  }
}

/**
 * The second port: what only the platform reads (/metrics for Datadog, /docs for engineers). No
 * Service targets it, so the ALB never reaches it; Datadog scrapes the pod directly. It is the same
 * app (one router, one registry, one OpenAPI document), reached through a second HTTP server.
 */
export interface Operations {
  /** Starts the operations server; resolves with the port it listens on (PORT 0: any free one). */
  listen(options: { host: string; port: number }): Promise<number>
  /** Like app.inject, as if the request had come in on the operations port (tests). */
  inject(options: InjectOptions | string): Promise<Response>
}

const arrivedOnOperationsPort = Symbol('hexad.operations-port')
type MarkedRequest = IncomingMessage & { [arrivedOnOperationsPort]?: true }

/** Whether the request must be answered 404 here: an operations route on the public port, or the reverse. */
export function misplaced(request: FastifyRequest): boolean {
  const operationsRoute = request.routeOptions.config.operations === true
  const onOperationsPort = (request.raw as MarkedRequest)[arrivedOnOperationsPort] === true
  return operationsRoute !== onOperationsPort
}

function markOperations(route: RouteOptions): void {
  route.config = { ...route.config, operations: true }
}

/** `plugin`, registered so that every route it adds answers on the operations port only. */
export function operationsOnly<Options extends object>(
  plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>,
): FastifyPluginAsync<Options> {
  return async function operationsScope(scope, options) {
    scope.addHook('onRoute', markOperations)
    await scope.register(plugin as FastifyPluginAsync<Options>, options)
  }
}

export function decorateOperations(app: FastifyInstance): void {
  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    ;(req as MarkedRequest)[arrivedOnOperationsPort] = true
    app.routing(req, res)
  }
  let server: Server | undefined
  app.decorate('operations', {
    async listen({ host, port }) {
      const listening = createServer(dispatch)
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject)
        listening.listen(port, host, () => resolve())
      })
      server = listening
      const actual = (listening.address() as AddressInfo).port
      app.log.info({ port: actual }, 'operations port listening (/metrics and docs)')
      return actual
    },
    // Like app.inject, it boots the app first: routes exist only once every plugin has loaded.
    inject: async (options) => {
      await app.ready()
      return inject(dispatch, options)
    },
  } satisfies Operations)
  app.addHook('onClose', async () => {
    if (!server) return
    const closing = new Promise((resolve) => server!.close(resolve))
    // A scraper's keep-alive connection must not hold the shutdown up.
    server.closeIdleConnections()
    await closing
  })
}
