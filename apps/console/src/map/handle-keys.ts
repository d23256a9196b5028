// What the map's handles do with the keyboard, kept apart from Leaflet so it is tested on its
// own. A focused handle moves by a fixed distance per press, whatever the zoom, so the numbers
// change by round amounts: 100 m, or 1 km with Shift (the map's own arrow-key panning, when the
// map itself has focus, is Leaflet's: 80 px, three times that with Shift).
export const KEY_STEP_M = 100
export const BIG_KEY_STEP_M = 1_000

interface Press {
  key: string
  shiftKey: boolean
}

const step = (press: Press) => (press.shiftKey ? BIG_KEY_STEP_M : KEY_STEP_M)

/** How far a key moves the centre handle, in metres north and east; null: not its key. */
export function centreMove(press: Press): { northM: number; eastM: number } | null {
  const by = step(press)
  switch (press.key) {
    case 'ArrowUp':
      return { northM: by, eastM: 0 }
    case 'ArrowDown':
      return { northM: -by, eastM: 0 }
    case 'ArrowRight':
      return { northM: 0, eastM: by }
    case 'ArrowLeft':
      return { northM: 0, eastM: -by }
    default:
      return null
  }
}

/**
 * The radius a key gives the radius handle, a slider: right or up is larger, left or down
 * smaller, Page Up/Down a big step, Home and End the limits; null: not its key.
 */
export function radiusAfter(
  press: Press,
  radiusM: number,
  limits: { min: number; max: number },
): number | null {
  const change: Record<string, number> = {
    ArrowUp: step(press),
    ArrowRight: step(press),
    ArrowDown: -step(press),
    ArrowLeft: -step(press),
    PageUp: BIG_KEY_STEP_M,
    PageDown: -BIG_KEY_STEP_M,
  }
  if (press.key === 'Home') return limits.min
  if (press.key === 'End') return limits.max
  const by = change[press.key]
  if (by === undefined) return null
  return Math.min(limits.max, Math.max(limits.min, radiusM + by))
}
