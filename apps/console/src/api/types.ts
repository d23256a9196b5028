// The console-api contract (JSON, camelCase). Kept by hand: the API is small and these types
// document what the console relies on.

export interface User {
  id: number
  email: string
  advertiserId: number
  advertiserName: string
}

export interface Session {
  user: User
  csrfToken: string
}

export type CampaignStatus = 'active' | 'paused'

export interface Geofence {
  lat: number
  lng: number
  radiusM: number
}

export interface Campaign {
  id: number
  name: string
  status: CampaignStatus
  startDate: string
  endDate: string
  geofence: Geofence | null
  landingUrl: string
  dailyImpressionCap: number | null
  createdAt: string
  updatedAt: string
}

export type CampaignInput = Pick<
  Campaign,
  'name' | 'status' | 'startDate' | 'endDate' | 'geofence' | 'landingUrl' | 'dailyImpressionCap'
>

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface Creative {
  id: number
  campaignId: number
  title: string
  body: string
  imageUrl: string | null
  width: number
  height: number
  createdAt: string
  updatedAt: string
}

export type CreativeInput = Pick<Creative, 'title' | 'body' | 'imageUrl' | 'width' | 'height'>

export interface DayStats {
  date: string
  impressions: number
  clicks: number
  ctr: number
}

export interface Report {
  from: string
  to: string
  campaignId: number | null
  days: DayStats[]
  totals: Omit<DayStats, 'date'>
}

export interface FieldError {
  in: string
  field: string
  message: string
}
