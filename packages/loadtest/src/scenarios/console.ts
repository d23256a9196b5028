import { DAY_MS } from '@hexad/contracts/time'
import { setupFetch, TargetError, type Scenario, type TaggedRequest } from './scenario.ts'

// The development seed's demo login; any other environment sets its own through the environment.
const DEMO_EMAIL = 'demo@hexad.example'
const DEMO_PASSWORD = 'hexad-demo-password'
const SESSION_COOKIE = 'hexad_session'
const REPORT_DAYS = 30

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export const consoleScenario: Scenario = {
  name: 'console',
  description:
    'an advertiser, logged in once, lists campaigns and reads the last 30 days of reports',
  endpoints: [
    { id: 'campaigns', label: 'GET /api/campaigns', expect: [200] },
    { id: 'reports', label: 'GET /api/reports', expect: [200] },
  ],

  // Login is rate limited per email (5 a minute by default) and deliberately slow (password
  // hashing): load on it would measure the limiter. One login for the run, its cookie shared by
  // every connection, and its latency reported as a setup call.
  async prepare(target, env) {
    const email = env.LOADTEST_EMAIL || DEMO_EMAIL
    const { response, call } = await setupFetch(
      'POST /api/auth/login',
      new URL('/api/auth/login', target),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: env.LOADTEST_PASSWORD || DEMO_PASSWORD }),
      },
    )
    const body = (await response.json().catch(() => ({}))) as { message?: string }
    if (response.status !== 200) {
      const why = body.message ? `: ${body.message}` : ''
      throw new TargetError(
        `login as ${email} at ${target.origin} answered ${response.status}${why}`,
      )
    }
    const session = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0] ?? '')
      .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    if (!session) throw new TargetError(`login at ${target.origin} set no ${SESSION_COOKIE} cookie`)
    return { headers: { cookie: session }, setup: [call] }
  },

  requests() {
    const campaigns: TaggedRequest = {
      endpoint: 'campaigns',
      method: 'GET',
      path: '/api/campaigns?limit=20&offset=0',
    }
    const reports: TaggedRequest = {
      endpoint: 'reports',
      method: 'GET',
      // Rebuilt per request so a run across midnight (UTC) asks for the current range.
      setupRequest: (request) => {
        const to = Date.now()
        const from = to - (REPORT_DAYS - 1) * DAY_MS
        return { ...request, path: `/api/reports?from=${isoDate(from)}&to=${isoDate(to)}` }
      },
    }
    return [campaigns, reports]
  },
}
