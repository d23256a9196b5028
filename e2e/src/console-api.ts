/**
 * console-api over HTTP, for arranging what a test needs before its browser part (the browser
 * parts go through the console's UI).
 */
export async function consoleApiSession(baseUrl: string, email: string, password: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  return { call }
}

interface CampaignRow {
  id: number
  status: string
  geofence: unknown
}

/**
 * Pauses every active campaign without a geofence: those fill any request, and the tests need
 * places where only fenced campaigns (or none) can answer.
 */
export async function pauseUnfencedCampaigns(baseUrl: string, email: string, password: string) {
  const api = await consoleApiSession(baseUrl, email, password)
  const page = await api.call<{ items: CampaignRow[] }>('GET', '/api/campaigns?limit=100&offset=0')
  for (const campaign of page.items) {
    if (campaign.status === 'active' && campaign.geofence === null) {
      await api.call('PATCH', `/api/campaigns/${campaign.id}`, { status: 'paused' })
    }
  }
}
