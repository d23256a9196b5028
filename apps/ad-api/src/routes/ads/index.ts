import { randomUUID } from 'node:crypto'
import { Ad } from '@hexad/contracts/ads'
import type { AdRequestRecord } from '@hexad/contracts/analytics'
import { InvalidInputError, type ServiceInstance } from '@hexad/service-kit'
import { Counter, Gauge } from 'prom-client'
import { geohash } from '../../geo/geohash.ts'
import { zonedDayEnd } from '../../index/campaign-days.ts'
import { selectAd } from '../../index/select-ad.ts'
import { AdQuery, parseSeen } from './schemas.ts'

export interface AdRoutesOptions {
  publicBaseUrl: string
}

// Five characters: a cell of about 5 km, enough for reports by area, too coarse to find anyone.
const GEOHASH_LENGTH = 5

export default async function adRoutes(app: ServiceInstance, options: AdRoutesOptions) {
  const outcomes = new Counter({
    name: 'ad_requests_total',
    help: 'Ad requests by outcome: filled, unfilled (204), invalid (4xx)',
    labelNames: ['outcome'],
    registers: [app.metrics],
  })
  const filled = outcomes.labels({ outcome: 'filled' })
  const unfilled = outcomes.labels({ outcome: 'unfilled' })
  const invalid = outcomes.labels({ outcome: 'invalid' })
  let filledCount = 0
  let answeredCount = 0
  new Gauge({
    name: 'ad_fill_rate',
    help: 'Share of valid ad requests answered with an ad since the process started',
    registers: [app.metrics],
    collect() {
      this.set(answeredCount === 0 ? 0 : filledCount / answeredCount)
    },
  })

  app.get(
    '/ads',
    {
      schema: {
        querystring: AdQuery,
        response: { 200: Ad, 204: { type: 'null' } },
      },
      onError: async () => invalid.inc(),
    },
    // Synchronous, like every hot handler here: an async one costs a promise per request.
    (request, reply) => {
      const { slot, lat, lng, size, fc } = request.query
      if ((lat === undefined) !== (lng === undefined)) {
        const missing = lat === undefined ? 'lat' : 'lng'
        throw new InvalidInputError([
          {
            in: 'querystring',
            field: missing,
            rule: 'dependentRequired',
            message: 'is required when the other coordinate is given',
          },
        ])
      }
      // A bot or a prefetch: no ad, and no ad_request record (it would count as an unfilled one).
      if (app.invalidTraffic.check(request, 'ads')) {
        reply.code(204).send(null)
        return
      }
      const point = lat !== undefined && lng !== undefined ? { lat, lng } : undefined
      const { indexes, delivery } = app.adIndex
      const nowMs = app.adIndex.now()
      const choice = selectAd(indexes.of(size), {
        point,
        nowMs,
        canServe: (campaign) => delivery.canServe(campaign, nowMs),
        seen: fc === undefined ? undefined : parseSeen(fc),
      })
      const requestId = randomUUID()
      answeredCount++
      // Built field by field rather than with spreads: one object per request, not three.
      const record: AdRequestRecord = {
        requestId,
        slot,
        filled: choice !== undefined,
        latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
      }
      if (choice) {
        record.campaign = choice.campaign.id
        record.creative = choice.creative.id
      }
      if (point) record.geohash = geohash(point.lat, point.lng, GEOHASH_LENGTH)
      app.analytics.write('ad_request', record)
      if (!choice) {
        unfilled.inc()
        reply.code(204).send(null)
        return
      }
      filled.inc()
      filledCount++
      if (choice.campaign.dailyCap !== null) delivery.served(choice.campaign.id, nowMs)
      const token = app.adTokens.sign({
        requestId,
        campaign: choice.campaign.id,
        creative: choice.creative.id,
        slot,
      })
      return {
        requestId,
        campaignId: choice.campaign.id,
        frequencyCap: choice.campaign.frequencyCap,
        frequencyResetsAt:
          choice.campaign.frequencyCap === null
            ? null
            : zonedDayEnd(nowMs, choice.campaign.timeZone),
        creative: choice.creative,
        impUrl: `${options.publicBaseUrl}/v1/imp/${token}`,
        clickUrl: `${options.publicBaseUrl}/v1/click/${token}`,
      }
    },
  )
}
