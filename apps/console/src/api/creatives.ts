import { request } from './http.ts'
import type { Creative, CreativeInput } from './types.ts'

const base = (campaignId: number) => `/api/campaigns/${campaignId}/creatives`

export const listCreatives = (campaignId: number) =>
  request<{ items: Creative[] }>('GET', base(campaignId))

export const getCreative = (campaignId: number, id: number) =>
  request<Creative>('GET', `${base(campaignId)}/${id}`)

export const createCreative = (campaignId: number, input: CreativeInput) =>
  request<Creative>('POST', base(campaignId), { body: input })

export const updateCreative = (campaignId: number, id: number, patch: Partial<CreativeInput>) =>
  request<Creative>('PATCH', `${base(campaignId)}/${id}`, { body: patch })

export const deleteCreative = (campaignId: number, id: number) =>
  request<void>('DELETE', `${base(campaignId)}/${id}`)
