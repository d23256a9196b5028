// ad-api's service-kit set-up (its headers, CORS `*`, no request logs, metrics) around a handler
// that only answers 204: the floor under /v1/imp, so the table shows how much of ad-api's
// distance to the ceiling is the shared kit and how much is its own work.
import { createService, loadConfig, serviceConfigSchema } from '@hexad/service-kit'
import { securityHeaders } from '../src/security-headers.ts'

const config = loadConfig(serviceConfigSchema({}), {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  CORS_ORIGINS: '*',
})
const app = await createService({
  config,
  helmet: false,
  headers: securityHeaders,
  requestLogs: false,
})
app.get('/', (_request, reply) => {
  reply.code(204).send()
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
