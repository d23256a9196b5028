// Where the map's tiles come from: OpenStreetMap's by default, any XYZ server by build variable
// (VITE_MAP_TILE_URL with {z}/{x}/{y}, and its VITE_MAP_ATTRIBUTION, which the map must show).
const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

export const tileUrl: string = import.meta.env.VITE_MAP_TILE_URL || OSM_TILES
export const tileAttribution: string = import.meta.env.VITE_MAP_ATTRIBUTION || OSM_ATTRIBUTION

/** Where a new fence starts when there is none yet: central Tokyo, where the product is sold. */
export const DEFAULT_CENTRE = { lat: 35.6812, lng: 139.7671 }
