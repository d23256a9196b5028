import {
  CampaignCreativesParams,
  CreateCreativeBody,
  Creative as CreativeDto,
  CreativeList,
  CreativeParams,
  NoContent,
  UpdateCreativeBody,
} from '@hexad/contracts/console-api'
import { toSqlDateTime, type Creative } from '@hexad/db'
import type { ServiceInstance } from '@hexad/service-kit'
import { findCampaign } from '../../repositories/campaigns.ts'
import {
  deleteCreative,
  findCreative,
  insertCreative,
  listCreatives,
  updateCreative,
} from '../../repositories/creatives.ts'
import { isoFromSql } from '../../schemas/time.ts'
import { errorResponses } from '../error-responses.ts'

function toCreativeDto(row: Creative): CreativeDto {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    title: row.title,
    body: row.body,
    imageUrl: row.image_url,
    width: row.width,
    height: row.height,
    cta: row.cta,
    createdAt: isoFromSql(row.created_at),
    updatedAt: isoFromSql(row.updated_at),
  }
}

export default async function creativeRoutes(app: ServiceInstance) {
  app.addHook('onRequest', app.authenticate)

  // Another tenant's campaign answers 404, exactly like one that doesn't exist.
  const ownCampaignId = async (advertiserId: number, campaignId: number) => {
    const campaign = await findCampaign(app.db, advertiserId, campaignId)
    if (!campaign) throw app.httpErrors.notFound(`Campaign ${campaignId} not found`)
    return campaign.id
  }
  const notFound = (id: number) => app.httpErrors.notFound(`Creative ${id} not found`)
  const tags = ['creatives']

  app.get(
    '/',
    {
      schema: {
        tags,
        params: CampaignCreativesParams,
        response: { 200: CreativeList, ...errorResponses },
      },
    },
    async (request) => {
      const campaignId = await ownCampaignId(request.auth.advertiserId, request.params.campaignId)
      return { items: (await listCreatives(app.db, campaignId)).map(toCreativeDto) }
    },
  )

  app.post(
    '/',
    {
      schema: {
        tags,
        params: CampaignCreativesParams,
        body: CreateCreativeBody,
        response: { 201: CreativeDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      const campaignId = await ownCampaignId(request.auth.advertiserId, request.params.campaignId)
      const stamp = toSqlDateTime(new Date())
      const { title, body, imageUrl, width, height, cta } = request.body
      const created = await insertCreative(app.db, {
        campaign_id: campaignId,
        title,
        body,
        image_url: imageUrl ?? null,
        width,
        height,
        cta: cta ?? null,
        created_at: stamp,
        updated_at: stamp,
      })
      app.audit(request, {
        action: 'create',
        outcome: 'success',
        resource: 'creative',
        resourceId: created.id,
      })
      return reply.code(201).send(toCreativeDto(created))
    },
  )

  app.get(
    '/:id',
    {
      schema: {
        tags,
        params: CreativeParams,
        response: { 200: CreativeDto, ...errorResponses },
      },
    },
    async (request) => {
      const campaignId = await ownCampaignId(request.auth.advertiserId, request.params.campaignId)
      const creative = await findCreative(app.db, campaignId, request.params.id)
      if (!creative) throw notFound(request.params.id)
      return toCreativeDto(creative)
    },
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        params: CreativeParams,
        body: UpdateCreativeBody,
        response: { 200: CreativeDto, ...errorResponses },
      },
    },
    async (request) => {
      const campaignId = await ownCampaignId(request.auth.advertiserId, request.params.campaignId)
      const { title, body, imageUrl, width, height, cta } = request.body
      const updated = await updateCreative(
        app.db,
        campaignId,
        request.params.id,
        { title, body, image_url: imageUrl, width, height, cta },
        new Date(),
      )
      if (!updated) throw notFound(request.params.id)
      app.audit(request, {
        action: 'update',
        outcome: 'success',
        resource: 'creative',
        resourceId: updated.id,
      })
      return toCreativeDto(updated)
    },
  )

  app.delete(
    '/:id',
    { schema: { tags, params: CreativeParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      const campaignId = await ownCampaignId(request.auth.advertiserId, request.params.campaignId)
      if (!(await deleteCreative(app.db, campaignId, request.params.id)))
        throw notFound(request.params.id)
      app.audit(request, {
        action: 'delete',
        outcome: 'success',
        resource: 'creative',
        resourceId: request.params.id,
      })
      return reply.code(204).send(null)
    },
  )
}
