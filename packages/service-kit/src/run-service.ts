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
  let app: ServiceInstance
  let config: Static<S> & BaseConfig
  try {
    config = loadConfig(schema) as Static<S> & BaseConfig
    app = await build(config)
  } catch (err) {
    // A service may refuse a combination of settings too (e.g. a secret required in production).
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  installGracefulShutdown(app, {
    delayMs: config.SHUTDOWN_DELAY_MS,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  })
  try {
    await app.listen({ host: config.HOST, port: config.PORT })
    await app.operations.listen({ host: config.HOST, port: config.OPS_PORT })
  } catch (err) {
    app.log.fatal({ err }, 'could not start listening')
    process.exit(1)
  }
  return app
}
