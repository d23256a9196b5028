import { describe, expect, it } from 'vitest'
import { topologicalOrder } from './schema.ts'

const graph = (edges: Record<string, string[]>) =>
  new Map(Object.entries(edges).map(([table, parents]) => [table, new Set(parents)]))

describe('topologicalOrder', () => {
  it('puts parents first and keeps the requested order otherwise', () => {
    expect(
      topologicalOrder(
        graph({
          daily_stats: ['campaigns'],
          campaigns: ['advertisers'],
          advertisers: [],
          users: ['advertisers'],
        }),
      ),
    ).toEqual(['advertisers', 'campaigns', 'daily_stats', 'users'])
  })

  it('names the tables of a cycle', () => {
    expect(() => topologicalOrder(graph({ a: ['b'], b: ['a'], c: [] }))).toThrow(/cycle among a, b/)
  })
})
