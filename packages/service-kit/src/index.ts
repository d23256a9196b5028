export type { AnalyticsOptions } from './analytics.ts'
export {
  ConfigError,
  baseConfigProperties,
  baseConfigSchema,
  loadConfig,
  serviceConfigSchema,
  type BaseConfig,
} from './config.ts'
export { corsOrigins } from './cors.ts'
export { createService, type ServiceInstance, type ServiceOptions } from './create-service.ts'
export { InvalidInputError, errorBody, type ErrorBody, type FieldError } from './errors.ts'
export type { Readiness, ReadinessCheck } from './health.ts'
export { redactedPaths } from './logger.ts'
export { runService } from './run-service.ts'
export { installGracefulShutdown, type ShutdownOptions } from './shutdown.ts'
