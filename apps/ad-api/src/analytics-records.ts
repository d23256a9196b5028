import { analyticsRecords } from '@hexad/contracts/analytics'

// The tags ad-api writes; their schemas are the contract's, which the report job reads too.
// Location is a ≤ 5-character geohash (about 5 km), never coordinates and never the IP.
export const analyticsTags = {
  ad_request: analyticsRecords.ad_request,
  impression: analyticsRecords.impression,
  click: analyticsRecords.click,
}

declare module '@hexad/analytics-log' {
  // Types app.analytics.write: a tag not listed here, or a record of the wrong shape, won't compile.
  interface AnalyticsTags {
    ad_request: typeof analyticsTags.ad_request
    impression: typeof analyticsTags.impression
    click: typeof analyticsTags.click
  }
}
