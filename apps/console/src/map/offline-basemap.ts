// The basemap that needs no network: a graticule (lines of latitude and longitude, labelled)
// drawn on canvas tiles, always under the real tiles. When tiles cannot load (offline, a
// blocked tile server, the tests) the map still shows where the fence is and how big, to scale.
import type * as Leaflet from 'leaflet'

const STEPS = [45, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005]

/**
 * Degrees between graticule lines at a zoom level: the finest round step that keeps lines at
 * least a third of a 256 px tile (85 px) apart, room for a label such as "139.766°" (about
 * 50 px); closer lines made the labels run into each other.
 */
export function graticuleStep(zoom: number): number {
  const degreesPerTile = 360 / 2 ** zoom
  return STEPS.findLast((step) => step >= degreesPerTile / 3) ?? STEPS[0]!
}

export function offlineBasemap(L: typeof Leaflet): Leaflet.GridLayer {
  const Graticule = L.GridLayer.extend({
    createTile(this: Leaflet.GridLayer, coords: Leaflet.Coords) {
      const tile = document.createElement('canvas')
      const size = this.getTileSize()
      tile.width = size.x
      tile.height = size.y
      const map = (this as unknown as { _map: Leaflet.Map })._map
      const context = tile.getContext('2d')
      if (!context) return tile
      context.fillStyle = '#eef2f7'
      context.fillRect(0, 0, size.x, size.y)
      const origin = L.point(coords.x * size.x, coords.y * size.y)
      const nw = map.unproject(origin, coords.z)
      const se = map.unproject(origin.add(size), coords.z)
      const step = graticuleStep(coords.z)
      const digits = Math.max(0, -Math.floor(Math.log10(step)))
      context.strokeStyle = '#c3ccd9'
      context.fillStyle = '#4b5563'
      context.font = '11px system-ui, sans-serif'
      context.lineWidth = 1
      for (let lng = Math.ceil(nw.lng / step) * step; lng <= se.lng; lng += step) {
        const x = Math.round(map.project([nw.lat, lng], coords.z).x - origin.x) + 0.5
        context.beginPath()
        context.moveTo(x, 0)
        context.lineTo(x, size.y)
        context.stroke()
        // A label is drawn on one tile only: near the tile's right edge, it goes left of its
        // line rather than be cut off.
        const label = `${lng.toFixed(digits)}°`
        const width = context.measureText(label).width
        context.fillText(label, x + 3 + width <= size.x ? x + 3 : x - 3 - width, size.y - 4)
      }
      for (let lat = Math.ceil(se.lat / step) * step; lat <= nw.lat; lat += step) {
        const y = Math.round(map.project([lat, nw.lng], coords.z).y - origin.y) + 0.5
        context.beginPath()
        context.moveTo(0, y)
        context.lineTo(size.x, y)
        context.stroke()
        context.fillText(`${lat.toFixed(digits)}°`, 3, y >= 14 ? y - 3 : y + 12) // near the top: below
      }
      return tile
    },
  })
  const layer = new Graticule() as Leaflet.GridLayer
  return layer.setZIndex(0)
}
