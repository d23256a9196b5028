import type { FastifyInstance, FastifySchema, HTTPMethods, RouteOptions } from 'fastify'

/** A route as it was added: what a test that must reach every route (the fuzz suites) needs. */
export interface CatalogedRoute {
  method: HTTPMethods
  url: string
  schema?: FastifySchema
  /** Answered on the operations port only. */
  operations: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, read from Fastify's onRoute hook as each one is added. */
    routeCatalog: readonly CatalogedRoute[]
  }
}

/** Must run before any route is added: every later one, whichever plugin adds it, is listed. */
export function decorateRouteCatalog(app: FastifyInstance): void {
  const routes: CatalogedRoute[] = []
  app.decorate('routeCatalog', routes)
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      // Read when asked: a scope's own onRoute hooks (operationsOnly) run after this one.
      routes.push({
        method,
        url: route.url,
        get schema() {
          return route.schema
        },
        get operations() {
          return route.config?.operations === true
        },
      })
    }
  })
}
