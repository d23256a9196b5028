import type { Campaign, CreateCampaignBody } from '@hexad/contracts/console-api'
import { addDays } from './dates.ts'

/** What the campaign form edits: number inputs hold '' while empty. */
export interface CampaignDraft {
  name: string
  status: Campaign['status']
  startDate: string
  endDate: string
  useGeofence: boolean
  lat: number | ''
  lng: number | ''
  radiusM: number | ''
  landingUrl: string
  dailyImpressionCap: number | ''
  weight: number | ''
  pacing: Campaign['pacing']
  /** Impressions per reader per day; '' for none. */
  frequencyCap: number | ''
}

/** The form's model of `campaign`, or of a new one starting `today` (the advertiser's day). */
export function draftFrom(campaign: Campaign | null, today: string): CampaignDraft {
  if (!campaign) {
    return {
      name: '',
      status: 'active',
      startDate: today,
      endDate: addDays(today, 30),
      useGeofence: false,
      lat: '',
      lng: '',
      radiusM: 500,
      landingUrl: 'https://',
      dailyImpressionCap: '',
      // console-api's defaults for a campaign created without them.
      weight: 1,
      pacing: 'even',
      frequencyCap: '',
    }
  }
  return {
    name: campaign.name,
    status: campaign.status,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    useGeofence: campaign.geofence !== null,
    lat: campaign.geofence?.lat ?? '',
    lng: campaign.geofence?.lng ?? '',
    radiusM: campaign.geofence?.radiusM ?? 500,
    landingUrl: campaign.landingUrl,
    dailyImpressionCap: campaign.dailyImpressionCap ?? '',
    weight: campaign.weight,
    pacing: campaign.pacing,
    frequencyCap: campaign.frequencyCap ?? '',
  }
}

// Empty number inputs go to the API as null: it owns validation and says which field is wrong.
const numberOrNull = (value: number | '') => (value === '' ? null : value)

export function inputFrom(draft: CampaignDraft): CreateCampaignBody {
  return {
    name: draft.name.trim(),
    status: draft.status,
    startDate: draft.startDate,
    endDate: draft.endDate,
    geofence: draft.useGeofence
      ? {
          lat: numberOrNull(draft.lat) as number,
          lng: numberOrNull(draft.lng) as number,
          radiusM: numberOrNull(draft.radiusM) as number,
        }
      : null,
    landingUrl: draft.landingUrl.trim(),
    dailyImpressionCap: numberOrNull(draft.dailyImpressionCap),
    weight: numberOrNull(draft.weight) as number,
    pacing: draft.pacing,
    frequencyCap: numberOrNull(draft.frequencyCap),
  }
}
