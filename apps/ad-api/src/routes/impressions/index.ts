import type { ServiceInstance } from '@hexad/service-kit'
import { Counter } from 'prom-client'
import Type from 'typebox'
import { refuseForNow, tokenOf, tokenRoute } from '../tracking.ts'

// The smallest transparent GIF (43 bytes), for pages that count impressions with an <img>.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export default async function impressionRoutes(app: ServiceInstance) {
  const impressions = new Counter({
    name: 'ad_impressions_total',
    help: 'Impressions recorded (once per token)',
    registers: [app.metrics],
  })
  const refused = new Counter({
    name: 'ad_impressions_refused_total',
    help: 'Impressions answered 503 because analytics-log refused the record (the tag retries)',
    registers: [app.metrics],
  })
  app.get(
    tokenRoute,
    { schema: { querystring: Type.Object({ fmt: Type.Optional(Type.Literal('gif')) }) } },
    (request, reply) => {
      const claims = app.adTokens.verify(tokenOf(request))
      // A bot or a prefetch gets the answer a reader would, without a billable record.
      const outcome = app.invalidTraffic.check(request, 'imp')
        ? 'not-counted'
        : app.beacons.record('impression', claims)
      // A 2xx only for a record that is accepted: the page is told the impression counts.
      if (outcome === 'refused') {
        refused.inc()
        refuseForNow(reply, 'The impression could not be recorded now; send it again')
        return
      }
      if (outcome === 'recorded') {
        app.adIndex.delivery.record(claims.campaign, app.adIndex.now(), claims.iat * 1000)
        impressions.inc()
      }
      if (request.query.fmt === 'gif') reply.type('image/gif').send(PIXEL)
      else reply.code(204).send()
    },
  )
}
