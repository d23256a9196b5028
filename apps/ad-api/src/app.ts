import type { Db } from '@hexad/db'
import {
  createService,
  databasePlugin,
  type ServiceInstance,
  type ServiceOptions,
} from '@hexad/service-kit'
import { analyticsTags } from './analytics-records.ts'
import { checkConfig, type Config } from './config.ts'
import { adTokensPlugin } from './plugins/ad-tokens.ts'
import { beaconsPlugin } from './plugins/beacons.ts'
import { campaignIndexPlugin } from './plugins/campaign-index.ts'
import { invalidTrafficPlugin } from './plugins/invalid-traffic.ts'
import { securityHeaders } from './security-headers.ts'
import adRoutes from './routes/ads/index.ts'
import clickRoutes from './routes/clicks/index.ts'
import impressionRoutes from './routes/impressions/index.ts'
import { parseTokenKeys } from './tokens/keys.ts'

export interface BuildOptions extends Pick<ServiceOptions, 'logStream' | 'env'> {
  /** A database the caller owns (tests); otherwise one is opened from DATABASE_URL. */
  db?: Db
  /** The clock, for tests of expiry and day boundaries. */
  now?: () => number
}

export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<ServiceInstance> {
  checkConfig(config)
  const keys = parseTokenKeys(config.AD_TOKEN_KEYS, config.NODE_ENV === 'production')
  const app = await createService({
    config,
    // The tag runs on every publisher's page: any origin may read ads (CORS_ORIGINS defaults
    // to '*' here), nobody sends credentials.
    cors: { methods: ['GET', 'HEAD'] },
    // ad-api sends its own narrower set: see security-headers.ts.
    helmet: false,
    // The tag reads Retry-After on a 503 impression: not a CORS-safelisted header, so say it.
    headers: { ...securityHeaders, 'access-control-expose-headers': 'retry-after' },
    // Every ad request is already an analytics record and a metric; two stdout lines each would
    // cost more than choosing the ad.
    requestLogs: false,
    // Every route is a GET: no body parser at all, so a body sent anywhere costs no parsing.
    bodies: false,
    analytics: { tags: analyticsTags },
    logStream: options.logStream,
    env: options.env,
  })
  const development = config.NODE_ENV === 'development'
  await app.register(databasePlugin, {
    url: config.DATABASE_URL,
    db: options.db,
    // Development: bring the schema up and seed the demo campaigns, so `pnpm dev` just works.
    prepare: { migrate: development, seed: development },
    // Ads are served from the in-memory index, so an unreachable database must not take the pod
    // out of the load balancer: the index's own staleness is the readiness check (campaign-index).
    readiness: false,
  })
  const now = options.now ? { now: options.now } : {}
  await app.register(campaignIndexPlugin, {
    refreshMs: config.INDEX_REFRESH_MS,
    loadTimeoutMs: config.INDEX_LOAD_TIMEOUT_MS,
    maxStaleMs: config.INDEX_MAX_STALE_MS,
    ...now,
  })
  await app.register(adTokensPlugin, { keys, ttlSeconds: config.AD_TOKEN_TTL_SECONDS, ...now })
  await app.register(beaconsPlugin, {
    ttlSeconds: config.AD_TOKEN_TTL_SECONDS,
    maxEntries: config.AD_REPLAY_MAX_ENTRIES,
    ...now,
  })

  await app.register(invalidTrafficPlugin)

  const publicBaseUrl = config.PUBLIC_BASE_URL
  await app.register(adRoutes, { prefix: '/v1', publicBaseUrl })
  await app.register(impressionRoutes, { prefix: '/v1/imp' })
  await app.register(clickRoutes, { prefix: '/v1/click' })
  return app
}
