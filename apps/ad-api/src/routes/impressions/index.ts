import type { ServiceInstance } from '@hexad/service-kit'
import { Counter } from 'prom-client'
import Type from 'typebox'
import { tokenOf, tokenRoute } from '../tracking.ts'

// The smallest transparent GIF (43 bytes), for pages that count impressions with an <img>.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export default async function impressionRoutes(app: ServiceInstance) {
  const impressions = new Counter({
    name: 'ad_impressions_total',
    help: 'Impressions recorded',
    registers: [app.metrics],
  })
  app.get(
    tokenRoute,
    { schema: { querystring: Type.Object({ fmt: Type.Optional(Type.Literal('gif')) }) } },
    (request, reply) => {
      const { requestId, campaign, creative, slot } = app.adTokens.verify(tokenOf(request))
      app.adIndex.caps.record(app.adIndex.today(), campaign)
      app.analytics.write('impression', { requestId, campaign, creative, slot })
      impressions.inc()
      if (request.query.fmt === 'gif') reply.type('image/gif').send(PIXEL)
      else reply.code(204).send()
    },
  )
}
