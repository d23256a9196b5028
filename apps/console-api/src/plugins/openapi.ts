import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { operationsOnly } from '@hexad/service-kit'
import fp from 'fastify-plugin'
import { CSRF_HEADER, SESSION_COOKIE } from './session-auth.ts'

// The OpenAPI document is generated from the same TypeBox schemas that validate requests.
export const openapiPlugin = fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'hexad console-api',
          version: '1.0.0',
          description: 'The advertiser console API.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
          },
        },
      },
    })
    // On the operations port: the document maps every route, which the public has no need of.
    await app.register(operationsOnly(swaggerUi), { routePrefix: '/docs', staticCSP: true })
  },
  { name: 'openapi' },
)
