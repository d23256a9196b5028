import {
  endsBeforeStart,
  type Campaign as CampaignDto,
  type CreateCampaignBody,
  type UpdateCampaignBody,
} from '@hexad/contracts/console-api'
import { toSqlDateTime, type Campaign, type CampaignUpdate, type NewCampaign } from '@hexad/db'
import { InvalidInputError } from '@hexad/service-kit'
import { isoFromSql } from '../../schemas/time.ts'

export function toCampaignDto(row: Campaign): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    geofence:
      row.geo_lat === null || row.geo_lng === null || row.geo_radius_m === null
        ? null
        : { lat: row.geo_lat, lng: row.geo_lng, radiusM: row.geo_radius_m },
    landingUrl: row.landing_url,
    dailyImpressionCap: row.daily_impression_cap,
    weight: row.weight,
    pacing: row.pacing,
    frequencyCap: row.frequency_cap,
    createdAt: isoFromSql(row.created_at),
    updatedAt: isoFromSql(row.updated_at),
  }
}

/** The one rule the schema can't state: a campaign ends on or after the day it starts. */
export function assertDatesOrdered(startDate: string, endDate: string): void {
  if (endsBeforeStart({ startDate, endDate })) {
    throw new InvalidInputError([
      {
        in: 'body',
        field: 'endDate',
        rule: 'endBeforeStart',
        message: 'must be on or after the start date',
      },
    ])
  }
}

export function newCampaignRow(
  advertiserId: number,
  input: CreateCampaignBody,
  now: Date,
): NewCampaign {
  assertDatesOrdered(input.startDate, input.endDate)
  const stamp = toSqlDateTime(now)
  return {
    advertiser_id: advertiserId,
    name: input.name,
    status: input.status ?? 'active',
    start_date: input.startDate,
    end_date: input.endDate,
    geo_lat: input.geofence?.lat ?? null,
    geo_lng: input.geofence?.lng ?? null,
    geo_radius_m: input.geofence?.radiusM ?? null,
    landing_url: input.landingUrl,
    daily_impression_cap: input.dailyImpressionCap ?? null,
    weight: input.weight ?? 1,
    pacing: input.pacing ?? 'even',
    frequency_cap: input.frequencyCap ?? null,
    created_at: stamp,
    updated_at: stamp,
  }
}

export function campaignChanges(current: Campaign, input: UpdateCampaignBody): CampaignUpdate {
  assertDatesOrdered(input.startDate ?? current.start_date, input.endDate ?? current.end_date)
  const changes: CampaignUpdate = {}
  if (input.name !== undefined) changes.name = input.name
  if (input.status !== undefined) changes.status = input.status
  if (input.startDate !== undefined) changes.start_date = input.startDate
  if (input.endDate !== undefined) changes.end_date = input.endDate
  if (input.landingUrl !== undefined) changes.landing_url = input.landingUrl
  if (input.dailyImpressionCap !== undefined)
    changes.daily_impression_cap = input.dailyImpressionCap
  if (input.weight !== undefined) changes.weight = input.weight
  if (input.pacing !== undefined) changes.pacing = input.pacing
  if (input.frequencyCap !== undefined) changes.frequency_cap = input.frequencyCap
  if (input.geofence !== undefined) {
    changes.geo_lat = input.geofence?.lat ?? null
    changes.geo_lng = input.geofence?.lng ?? null
    changes.geo_radius_m = input.geofence?.radiusM ?? null
  }
  return changes
}
