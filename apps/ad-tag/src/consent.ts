/** What the reader allowed this page to do for the ad. */
export interface Consent {
  /** Keep frequency counts in the publisher's own localStorage. */
  storage: boolean
  /** Use the reader's position (still only as position.ts allows). */
  geolocation: boolean
}

/** The parts of a TCF v2 TCData answer read here. */
interface TcData {
  gdprApplies?: boolean
  eventStatus?: string
  listenerId?: number
  purpose?: { consents?: Record<string, boolean> }
  specialFeatureOptins?: Record<string, boolean>
}
type TcfApi = (
  command: string,
  version: number,
  callback: (data: TcData, success: boolean) => void,
  parameter?: number,
) => void

declare global {
  interface Window {
    __tcfapi?: TcfApi
  }
}

// A consent platform that has not answered by then (its banner still open) is taken as a no.
const TCF_TIMEOUT_MS = 1_000
const NONE: Consent = { storage: false, geolocation: false }
const ALL: Consent = { storage: true, geolocation: true }

/**
 * The publisher says no with `consent="denied"` on the element. Otherwise, when the page has a
 * TCF v2 consent platform (`window.__tcfapi`), its answer decides: storage needs purpose 1 (store
 * and read information on the device), the position needs that and special feature 1 (precise
 * geolocation); where GDPR does not apply, both are allowed. No platform: both allowed. Without
 * storage, no position either: a reader who refused the one did not mean to allow the other.
 */
export function readConsent(attribute: string | undefined): Promise<Consent> {
  if (attribute === 'denied') return Promise.resolve(NONE)
  const tcfapi = window.__tcfapi
  if (typeof tcfapi !== 'function') return Promise.resolve(ALL)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(NONE), TCF_TIMEOUT_MS)
    try {
      tcfapi('addEventListener', 2, (data, success) => {
        if (success && data.eventStatus === 'cmpuishown') return // the reader is still choosing
        clearTimeout(timer)
        if (data?.listenerId !== undefined)
          tcfapi('removeEventListener', 2, () => {}, data.listenerId)
        if (!success) return resolve(NONE)
        if (data.gdprApplies === false) return resolve(ALL)
        const storage = data.purpose?.consents?.['1'] === true
        resolve({ storage, geolocation: storage && data.specialFeatureOptins?.['1'] === true })
      })
    } catch {
      clearTimeout(timer)
      resolve(NONE)
    }
  })
}
