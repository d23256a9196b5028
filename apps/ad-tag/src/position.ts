export interface Position {
  lat: number
  lng: number
}

/** `prompt`: may ask the reader. Anything else: use the position only if already allowed. */
export type GeoMode = 'prompt' | 'if-permitted'

// A reader may leave the permission prompt open forever; the ad doesn't wait for them.
const PROMPT_TIMEOUT_MS = 8_000

async function permitted(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'geolocation' })
    return status.state === 'granted'
  } catch {
    return false // no Permissions API: never risk a prompt the publisher didn't ask for
  }
}

/** The reader's position, or null when it is not allowed, not known or not quick enough. */
export async function currentPosition(mode: GeoMode): Promise<Position | null> {
  if (!('geolocation' in navigator)) return null
  if (mode !== 'prompt' && !(await permitted())) return null
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), PROMPT_TIMEOUT_MS)
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        clearTimeout(timer)
        resolve({ lat: coords.latitude, lng: coords.longitude })
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      },
      // A position from the last ten minutes is as good as a new one for a fence of 500 m.
      { maximumAge: 600_000, timeout: 5_000, enableHighAccuracy: false },
    )
  })
}
