import { request } from './http.ts'
import type { Campaign, CampaignInput, CampaignStatus, Page } from './types.ts'

export interface CampaignQuery {
  status?: CampaignStatus
  limit: number
  offset: number
}

export function listCampaigns({ status, limit, offset }: CampaignQuery) {
  const query = new URLSearchParams({ limit: String(limit), offset: String(offset) })
  if (status) query.set('status', status)
  return request<Page<Campaign>>('GET', `/api/campaigns?${query}`)
}

export const getCampaign = (id: number) => request<Campaign>('GET', `/api/campaigns/${id}`)

export const createCampaign = (input: CampaignInput) =>
  request<Campaign>('POST', '/api/campaigns', { body: input })

export const updateCampaign = (id: number, patch: Partial<CampaignInput>) =>
  request<Campaign>('PATCH', `/api/campaigns/${id}`, { body: patch })
