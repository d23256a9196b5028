import { ConfigError, runService } from '@hexad/service-kit'
import { buildApp } from './app.ts'
import { configSchema } from './config.ts'

// runService reports a bad variable and exits 1; rules across variables are checked by buildApp,
// after runService's own check, so report those the same way.
await runService(configSchema, (config) => buildApp(config)).catch((err: unknown) => {
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message)
  process.exit(1)
})
