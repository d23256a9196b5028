// The same hello world through service-kit's createService (its hooks, headers, logger and
// metrics), so the table shows how much of ad-api's distance to the ceiling is the shared kit.
import { createService, loadConfig, serviceConfigSchema } from '@hexad/service-kit'

const config = loadConfig(serviceConfigSchema({}), { NODE_ENV: 'production', LOG_LEVEL: 'warn' })
const app = await createService({ config })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
