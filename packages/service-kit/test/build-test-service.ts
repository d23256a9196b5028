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
        body: Type.Object({
          name: Type.String({ minLength: 1 }),
          age: Type.Integer({ minimum: 0 }),
          email: Type.String({ format: 'email' }),
        }),
      },
    },
    async (request) => request.body,
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
