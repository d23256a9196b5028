import { runService } from '@hexad/service-kit'
import { buildApp } from './app.ts'
import { configSchema } from './config.ts'

await runService(configSchema, (config) => buildApp(config))
