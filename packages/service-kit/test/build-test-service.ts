import { Writable } from 'node:stream'
import Type from 'typebox'
import { loadConfig, serviceConfigSchema } from '../src/config.ts'
import { createService, type ServiceOptions } from '../src/create-service.ts'

/** A small service with the routes the tests need, and its log lines captured. */
export async function buildTestService(
  env: Record<string, string> = {},
  options: Pick<ServiceOptions, 'requestLogs'> = {},
) {
  const config = loadConfig(serviceConfigSchema({}), { NODE_ENV: 'test', ...env })
  const logs: Record<string, unknown>[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line))
      done()
    },
  })
  const app = await createService({ config, logStream, ...options })
  app.post(
    '/echo',
    {
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            age: Type.Integer({ minimum: 0, maximum: 150 }),
            email: Type.String({ format: 'email' }),
            tags: Type.Optional(Type.Array(Type.Unknown())),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => request.body,
  )
  app.get(
    '/page',
    {
      schema: {
        querystring: Type.Object({
          offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
        }),
      },
    },
    async (request) => request.query,
  )
  app.get('/boom', async () => {
    throw new Error('database password is hunter2')
  })
  app.get('/chatty', async (request) => {
    request.log.info({ step: 'chatty' }, 'handler says hello')
    return { ok: true }
  })
  app.get('/quiet', { logLevel: 'warn' }, async (request) => {
    request.log.info('not wanted at warn')
    request.log.warn('wanted at warn')
    return { ok: true }
  })
  app.get('/conflict', async () => {
    throw app.httpErrors.conflict('name already taken')
  })
  return { app, logs }
}
