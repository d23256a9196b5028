import { describe, expect, it } from 'vitest'
import { IdSet } from './id-set.ts'

describe('IdSet', () => {
  it('says whether an id is new, across growth and against earlier sets', () => {
    const set = new IdSet()
    const ids = Array.from({ length: 200_000 }, (_, i) => `request-${i}`)
    expect(ids.every((id) => set.addNew(id))).toBe(true)
    expect(set.size).toBe(200_000)
    expect(ids.some((id) => set.addNew(id))).toBe(false)

    const next = new IdSet()
    const empty = new IdSet()
    expect(next.addNew('request-7', [empty, set])).toBe(false)
    expect(next.addNew('request-new', [empty, set])).toBe(true)
    set.clear()
    expect(set.addNew('request-7')).toBe(true)
  })
})
