import type {
  CreateCreativeBody,
  Creative,
  CreativeList,
  UpdateCreativeBody,
} from '@hexad/contracts/console-api'
import { request } from './http.ts'

const base = (campaignId: number) => `/api/campaigns/${campaignId}/creatives`

export const listCreatives = (campaignId: number) => request<CreativeList>('GET', base(campaignId))

export const getCreative = (campaignId: number, id: number) =>
  request<Creative>('GET', `${base(campaignId)}/${id}`)

export const createCreative = (campaignId: number, input: CreateCreativeBody) =>
  request<Creative>('POST', base(campaignId), { body: input })

export const updateCreative = (campaignId: number, id: number, patch: UpdateCreativeBody) =>
  request<Creative>('PATCH', `${base(campaignId)}/${id}`, { body: patch })

export const deleteCreative = (campaignId: number, id: number) =>
  request<void>('DELETE', `${base(campaignId)}/${id}`)
