import {
  createService,
  databasePlugin,
  type ServiceInstance,
  type ServiceOptions,
} from '@hexad/service-kit'
import { resolveSecurity, type Config } from './config.ts'
import { analyticsTags, auditPlugin } from './plugins/audit.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { tablesAnswer } from './plugins/readiness.ts'
import { sessionAuthPlugin } from './plugins/session-auth.ts'
import accountRoutes from './routes/account/index.ts'
import authRoutes, { meRoute } from './routes/auth/index.ts'
import campaignRoutes from './routes/campaigns/index.ts'
import creativeRoutes from './routes/creatives/index.ts'
import reportRoutes from './routes/reports/index.ts'

export type BuildOptions = Pick<ServiceOptions, 'logStream' | 'env'>

export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<ServiceInstance> {
  const security = resolveSecurity(config)
  // The console is served from the same origin behind the ALB; CORS stays closed unless configured.
  const app = await createService({
    config,
    cors: { credentials: true },
    // Every answer is one advertiser's data, or about their session: no browser or proxy may
    // keep a copy (a shared computer's back button, a corporate cache).
    headers: { 'cache-control': 'no-store' },
    analytics: { tags: analyticsTags },
    logStream: options.logStream,
    env: options.env,
  })
  await app.register(openapiPlugin)
  await app.register(databasePlugin, {
    url: config.DATABASE_URL,
    prepare: { migrate: config.DB_MIGRATE_ON_START, seed: config.SEED_DEMO_DATA },
    readiness: tablesAnswer,
  })
  await app.register(sessionAuthPlugin, {
    secret: security.sessionSecret,
    secureCookies: security.cookieSecure,
  })
  await app.register(auditPlugin)

  await app.register(
    async (api) => {
      const limits = {
        perAddress: config.LOGIN_LIMIT_PER_IP_PER_MINUTE,
        perEmailAndAddress: config.LOGIN_LIMIT_PER_EMAIL_PER_MINUTE,
        backoffAfter: config.LOGIN_BACKOFF_AFTER_FAILURES,
      }
      await api.register(authRoutes, {
        prefix: '/auth',
        sessionTtlHours: config.SESSION_TTL_HOURS,
        limits,
      })
      await api.register(meRoute)
      await api.register(accountRoutes, { prefix: '/me', limits })
      await api.register(campaignRoutes, { prefix: '/campaigns' })
      await api.register(creativeRoutes, { prefix: '/campaigns/:campaignId/creatives' })
      await api.register(reportRoutes, { prefix: '/reports' })
    },
    { prefix: '/api' },
  )
  return app
}
