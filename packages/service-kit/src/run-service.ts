import type { Static, TObject } from 'typebox'
import { ConfigError, loadConfig, type BaseConfig } from './config.ts'
import type { ServiceInstance } from './create-service.ts'
import { installGracefulShutdown } from './shutdown.ts'

/**
 * What a service's server.ts calls: validate config (exit 1 naming every bad variable), build the
 * app, start listening, and drain on SIGTERM/SIGINT.
 */
export async function runService<S extends TObject>(
  schema: S,
  build: (config: Static<S> & BaseConfig) => Promise<ServiceInstance>,
): Promise<ServiceInstance> {
  let config: Static<S> & BaseConfig
  try {
    config = loadConfig(schema) as Static<S> & BaseConfig
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const app = await build(config)
  installGracefulShutdown(app, {
    delayMs: config.SHUTDOWN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  })
  try {
    await app.listen({ host: config.HOST, port: config.PORT })
  } catch (err) {
    app.log.fatal({ err }, 'could not start listening')
    process.exit(1)
  }
  return app
}
