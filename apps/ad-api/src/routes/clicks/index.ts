import type { ServiceInstance } from '@hexad/service-kit'
import { Counter } from 'prom-client'
import { tokenOf, tokenRoute } from '../tracking.ts'

export default async function clickRoutes(app: ServiceInstance) {
  const clicks = new Counter({
    name: 'ad_clicks_total',
    help: 'Clicks recorded (once per token) and redirected',
    registers: [app.metrics],
  })
  const lost = new Counter({
    name: 'ad_clicks_lost_total',
    help: 'Clicks redirected without a record because analytics-log refused it',
    registers: [app.metrics],
  })
  app.get(tokenRoute, (request, reply) => {
    const claims = app.adTokens.verify(tokenOf(request))
    // Only ever the URL stored for the signed campaign: nothing in the request picks the target,
    // so this can't be used as an open redirect.
    const landingUrl = app.adIndex.landingUrls.get(claims.campaign)
    if (!landingUrl) throw app.httpErrors.notFound('This campaign is no longer running')
    // The reader goes where they clicked whatever happens to the record: a refused one is
    // counted as lost instead of keeping them from the advertiser's page.
    // A bot's or a prefetch's click goes where it points, without a record.
    const outcome = app.invalidTraffic.check(request, 'click')
      ? 'not-counted'
      : app.beacons.record('click', claims)
    if (outcome === 'recorded') clicks.inc()
    else if (outcome === 'refused') lost.inc()
    reply.redirect(landingUrl, 302)
  })
}
