import type {
  Campaign,
  CampaignPage,
  CreateCampaignBody,
  ListCampaignsQuery,
  UpdateCampaignBody,
} from '@hexad/contracts/console-api'
import { request } from './http.ts'

export function listCampaigns({ status, limit, offset }: ListCampaignsQuery) {
  const query = new URLSearchParams({ limit: String(limit), offset: String(offset) })
  if (status) query.set('status', status)
  return request<CampaignPage>('GET', `/api/campaigns?${query}`)
}

export const getCampaign = (id: number) => request<Campaign>('GET', `/api/campaigns/${id}`)

export const createCampaign = (input: CreateCampaignBody) =>
  request<Campaign>('POST', '/api/campaigns', { body: input })

export const updateCampaign = (id: number, patch: UpdateCampaignBody) =>
  request<Campaign>('PATCH', `/api/campaigns/${id}`, { body: patch })
