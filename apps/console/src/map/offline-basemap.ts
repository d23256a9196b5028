// The basemap that needs no network: a graticule (lines of latitude and longitude, labelled)
// drawn on canvas tiles, always under the real tiles. When tiles cannot load (offline, a
// blocked tile server, the tests) the map still shows where the fence is and how big, to scale.
import type * as Leaflet from 'leaflet'

/** Degrees between graticule lines at a zoom level: about four lines per 256 px tile. */
export function graticuleStep(zoom: number): number {
  const degreesPerTile = 360 / 2 ** zoom
  const steps = [45, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005]
  return steps.find((step) => step <= degreesPerTile / 3) ?? 0.0005
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
        context.fillText(`${lng.toFixed(digits)}°`, x + 3, size.y - 4)
      }
      for (let lat = Math.ceil(se.lat / step) * step; lat <= nw.lat; lat += step) {
        const y = Math.round(map.project([lat, nw.lng], coords.z).y - origin.y) + 0.5
        context.beginPath()
        context.moveTo(0, y)
        context.lineTo(size.x, y)
        context.stroke()
        context.fillText(`${lat.toFixed(digits)}°`, 3, y - 3)
      }
      return tile
    },
  })
  const layer = new Graticule() as Leaflet.GridLayer
  return layer.setZIndex(0)
}
