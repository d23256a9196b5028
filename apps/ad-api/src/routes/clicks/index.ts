import type { ServiceInstance } from '@hexad/service-kit'
import { Counter } from 'prom-client'
import { tokenOf, tokenRoute } from '../tracking.ts'

export default async function clickRoutes(app: ServiceInstance) {
  const clicks = new Counter({
    name: 'ad_clicks_total',
    help: 'Clicks recorded and redirected',
    registers: [app.metrics],
  })
  app.get(tokenRoute, (request, reply) => {
    const { requestId, campaign, creative, slot } = app.adTokens.verify(tokenOf(request))
    // Only ever the URL stored for the signed campaign: nothing in the request picks the target,
    // so this can't be used as an open redirect.
    const landingUrl = app.adIndex.landingUrls.get(campaign)
    if (!landingUrl) throw app.httpErrors.notFound('This campaign is no longer running')
    app.analytics.write('click', { requestId, campaign, creative, slot })
    clicks.inc()
    reply.redirect(landingUrl, 302)
  })
}
