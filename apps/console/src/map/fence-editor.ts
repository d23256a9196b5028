// The fence being edited on a Leaflet map: its circle, a handle on its centre and one on its
// east edge. They are made once and then moved as the numbers change, so a handle keeps the
// keyboard's focus while it moves. Each handle is a Leaflet marker with its `keyboard` option
// (Leaflet 1.9 gives the icon tabindex 0 and role "button"); Leaflet fires the icon's keydown
// on the marker, and the arrow keys move the handle by handle-keys.ts's steps.
import type { Geofence } from '@hexad/contracts/console-api'
import type * as Leaflet from 'leaflet'
import { eastOf, offsetBy } from './fence-geometry.ts'
import { centreMove, radiusAfter } from './handle-keys.ts'

/** What the handles say to assistive technology, in the reader's language. */
export interface HandleWords {
  centre: (fence: Geofence) => string
  radius: string
  radiusValue: (radiusM: number) => string
  /** The id of the text explaining the mouse and the keys. */
  describedBy: string
}

export interface FenceEditor {
  /** Puts the circle and the handles on the fence's numbers; returns the circle's bounds. */
  show(fence: Geofence, words: HandleWords): Leaflet.LatLngBounds
  remove(): void
}

export function fenceEditor(
  L: typeof Leaflet,
  map: Leaflet.Map,
  options: {
    limits: { min: number; max: number }
    onChange: (fence: { lat: number; lng: number; radiusM: number }) => void
  },
): FenceEditor {
  const icon = (modifier: string) =>
    L.divIcon({ className: `fence-handle ${modifier}`, iconSize: [18, 18], iconAnchor: [9, 9] })
  const handle = (modifier: string) =>
    L.marker([0, 0], { draggable: true, keyboard: true, icon: icon(modifier) })

  const circle = L.circle([0, 0], {
    radius: options.limits.min,
    color: '#2563eb',
    weight: 2,
    fillOpacity: 0.15,
    interactive: false,
  })
  const centre = handle('fence-handle--centre')
  const radius = handle('fence-handle--radius')
  let shown: Geofence | undefined
  const changed = () => {
    const at = circle.getLatLng()
    options.onChange({ lat: at.lat, lng: at.lng, radiusM: circle.getRadius() })
  }

  // While dragging, move the circle; tell the form when the drag ends.
  centre.on('drag', () => {
    const at = centre.getLatLng()
    circle.setLatLng(at)
    const edge = eastOf(at, circle.getRadius())
    radius.setLatLng([edge.lat, edge.lng])
  })
  radius.on('drag', () => circle.setRadius(map.distance(circle.getLatLng(), radius.getLatLng())))
  centre.on('dragend', changed)
  radius.on('dragend', changed)

  // A key tells the form at once: the numbers change, and the handles follow them (show).
  centre.on('keydown', ({ originalEvent }) => {
    const move = shown && centreMove(originalEvent)
    if (!shown || !move) return
    originalEvent.preventDefault() // the page must not scroll as well
    options.onChange({ ...offsetBy(shown, move.northM, move.eastM), radiusM: shown.radiusM })
  })
  radius.on('keydown', ({ originalEvent }) => {
    const radiusM = shown ? radiusAfter(originalEvent, shown.radiusM, options.limits) : null
    if (!shown || radiusM === null) return
    originalEvent.preventDefault()
    options.onChange({ lat: shown.lat, lng: shown.lng, radiusM })
  })

  return {
    show(fence, words) {
      shown = fence
      circle.setLatLng([fence.lat, fence.lng]).setRadius(fence.radiusM)
      centre.setLatLng([fence.lat, fence.lng])
      const edge = eastOf(fence, fence.radiusM)
      radius.setLatLng([edge.lat, edge.lng])
      for (const layer of [circle, centre, radius]) if (!map.hasLayer(layer)) layer.addTo(map)
      setAttributes(centre.getElement(), {
        'aria-label': words.centre(fence),
        'aria-describedby': words.describedBy,
      })
      setAttributes(radius.getElement(), {
        role: 'slider',
        'aria-label': words.radius,
        'aria-valuemin': String(options.limits.min),
        'aria-valuemax': String(options.limits.max),
        'aria-valuenow': String(fence.radiusM),
        'aria-valuetext': words.radiusValue(fence.radiusM),
        'aria-describedby': words.describedBy,
      })
      return circle.getBounds()
    },
    remove() {
      shown = undefined
      for (const layer of [circle, centre, radius]) layer.remove()
    },
  }
}

function setAttributes(element: HTMLElement | undefined, attributes: Record<string, string>) {
  for (const [name, value] of Object.entries(attributes)) element?.setAttribute(name, value)
}
