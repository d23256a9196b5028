import {
  Campaign,
  CampaignPage,
  CampaignParams,
  CreateCampaignBody,
  ErrorBody,
  ListCampaignsQuery,
  NoContent,
  UpdateCampaignBody,
} from '@hexad/contracts/console-api'
import { zonedDayString } from '@hexad/contracts/zoned-days'
import type { ServiceInstance } from '@hexad/service-kit'
import {
  deleteCampaign,
  findCampaign,
  hasDeliveredImpressions,
  insertCampaign,
  listCampaigns,
  updateCampaign,
} from '../../repositories/campaigns.ts'
import { countsOn, reportsAsOf } from '../../repositories/reports.ts'
import { ctr } from '../ctr.ts'
import { errorResponses } from '../error-responses.ts'
import { campaignChanges, newCampaignRow, toCampaignDto } from './mapping.ts'

export default async function campaignRoutes(app: ServiceInstance) {
  app.addHook('onRequest', app.authenticate)

  const ownCampaign = async (advertiserId: number, id: number) => {
    const campaign = await findCampaign(app.db, advertiserId, id)
    if (!campaign) throw app.httpErrors.notFound(`Campaign ${id} not found`)
    return campaign
  }

  app.get(
    '/',
    {
      schema: {
        tags: ['campaigns'],
        querystring: ListCampaignsQuery,
        response: { 200: CampaignPage, ...errorResponses },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query
      const page = await listCampaigns(app.db, request.auth.advertiserId, { status, limit, offset })
      // Today is the advertiser's day, as daily_stats counts it.
      const date = zonedDayString(Date.now(), request.auth.timeZone)
      const ids = page.items.map((c) => c.id)
      const counted = new Map((await countsOn(app.db, ids, date)).map((c) => [c.campaignId, c]))
      const counts = ids.map((campaignId) => {
        const { impressions = 0, clicks = 0 } = counted.get(campaignId) ?? {}
        return { campaignId, impressions, clicks, ctr: ctr(clicks, impressions) }
      })
      return {
        items: page.items.map(toCampaignDto),
        total: page.total,
        limit,
        offset,
        today: { date, asOf: await reportsAsOf(app.db), counts },
      }
    },
  )

  app.post(
    '/',
    {
      schema: {
        tags: ['campaigns'],
        body: CreateCampaignBody,
        response: { 201: Campaign, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = newCampaignRow(request.auth.advertiserId, request.body, new Date())
      const created = await insertCampaign(app.db, row)
      app.audit(request, {
        action: 'create',
        outcome: 'success',
        resource: 'campaign',
        resourceId: created.id,
      })
      return reply.code(201).send(toCampaignDto(created))
    },
  )

  app.get(
    '/:id',
    {
      schema: {
        tags: ['campaigns'],
        params: CampaignParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) =>
      toCampaignDto(await ownCampaign(request.auth.advertiserId, request.params.id)),
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['campaigns'],
        params: CampaignParams,
        body: UpdateCampaignBody,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => {
      const { advertiserId } = request.auth
      const current = await ownCampaign(advertiserId, request.params.id)
      const updated = await updateCampaign(
        app.db,
        advertiserId,
        current.id,
        campaignChanges(current, request.body),
        new Date(),
      )
      if (!updated) throw app.httpErrors.notFound(`Campaign ${current.id} not found`)
      app.audit(request, {
        action: 'update',
        outcome: 'success',
        resource: 'campaign',
        resourceId: updated.id,
      })
      return toCampaignDto(updated)
    },
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['campaigns'],
        params: CampaignParams,
        response: { 204: NoContent, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { advertiserId } = request.auth
      const campaign = await ownCampaign(advertiserId, request.params.id)
      // Delivered impressions are what the advertiser is billed for: keep them, pause instead.
      if (await hasDeliveredImpressions(app.db, campaign.id)) {
        throw app.httpErrors.conflict(
          'This campaign has delivered impressions; pause it instead of deleting it',
        )
      }
      await deleteCampaign(app.db, advertiserId, campaign.id)
      app.audit(request, {
        action: 'delete',
        outcome: 'success',
        resource: 'campaign',
        resourceId: campaign.id,
      })
      return reply.code(204).send(null)
    },
  )
}
