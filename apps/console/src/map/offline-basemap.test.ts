import { describe, expect, it } from 'vitest'
import { graticuleStep } from './offline-basemap.ts'

describe('the offline basemap’s graticule', () => {
  it('keeps its lines 85 px to 256 px apart from a continent (zoom 2) to a street (19): room for a label', () => {
    for (let zoom = 2; zoom <= 19; zoom++) {
      const pixelsPerDegree = 256 / (360 / 2 ** zoom)
      const apart = graticuleStep(zoom) * pixelsPerDegree
      expect(apart, `zoom ${zoom}`).toBeGreaterThanOrEqual(85)
      expect(apart, `zoom ${zoom}`).toBeLessThanOrEqual(256)
    }
  })
})
