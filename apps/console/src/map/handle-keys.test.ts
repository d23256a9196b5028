import { describe, expect, it } from 'vitest'
import { offsetBy } from './fence-geometry.ts'
import { centreMove, radiusAfter } from './handle-keys.ts'

const limits = { min: 50, max: 50_000 }
const press = (key: string, shiftKey = false) => ({ key, shiftKey })

describe('the centre handle', () => {
  it('moves 100 m a press in the arrow’s direction, 1 km with Shift', () => {
    expect(centreMove(press('ArrowUp'))).toEqual({ northM: 100, eastM: 0 })
    expect(centreMove(press('ArrowDown'))).toEqual({ northM: -100, eastM: 0 })
    expect(centreMove(press('ArrowRight', true))).toEqual({ northM: 0, eastM: 1000 })
    expect(centreMove(press('ArrowLeft'))).toEqual({ northM: 0, eastM: -100 })
  })

  it('leaves every other key alone (Tab must still leave the handle)', () => {
    expect(centreMove(press('Tab'))).toBeNull()
    expect(centreMove(press('Enter'))).toBeNull()
  })

  it('moves by those metres on the ground, at Tokyo’s latitude too', () => {
    const tokyo = { lat: 35.6812, lng: 139.7671 }
    const north = offsetBy(tokyo, 100, 0)
    expect(north.lng).toBe(tokyo.lng)
    expect((north.lat - tokyo.lat) * 111_195).toBeCloseTo(100, 0)
    const east = offsetBy(tokyo, 0, 1000)
    expect(east.lat).toBe(tokyo.lat)
    const metresPerDegree = 111_195 * Math.cos((tokyo.lat * Math.PI) / 180)
    expect((east.lng - tokyo.lng) * metresPerDegree).toBeCloseTo(1000, 0)
  })
})

describe('the radius handle', () => {
  it('grows with right and up, shrinks with left and down, 100 m a press or 1 km', () => {
    expect(radiusAfter(press('ArrowRight'), 800, limits)).toBe(900)
    expect(radiusAfter(press('ArrowUp', true), 800, limits)).toBe(1800)
    expect(radiusAfter(press('ArrowLeft'), 800, limits)).toBe(700)
    expect(radiusAfter(press('PageDown'), 1800, limits)).toBe(800)
  })

  it('stays within the contract’s limits; Home and End go to them', () => {
    expect(radiusAfter(press('ArrowDown'), 100, limits)).toBe(50)
    expect(radiusAfter(press('PageUp'), 49_500, limits)).toBe(50_000)
    expect(radiusAfter(press('Home'), 800, limits)).toBe(50)
    expect(radiusAfter(press('End'), 800, limits)).toBe(50_000)
    expect(radiusAfter(press('a'), 800, limits)).toBeNull()
  })
})
