// What every ad-api response carries, set once per response by service-kit (createService's
// `headers`, with `helmet: false`): narrower than helmet's defaults, for responses that are only
// JSON, a GIF or a redirect.
export const securityHeaders = {
  // Nothing here is a document: no scripts, no styles, no framing.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  // Publishers' pages load the pixel with an <img>: cross-origin, or browsers drop it.
  'cross-origin-resource-policy': 'cross-origin',
  // A click's landing page must not learn the tracking URL (and its token) from Referer.
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  // Every answer is for one ad slot at one moment (a fresh ad, a counted impression or click):
  // no browser or proxy may reuse it.
  'cache-control': 'no-store',
}
