import { describe, expect, it } from 'vitest'
import { corsOrigins, staticCorsHeaders } from './cors.ts'

describe('corsOrigins', () => {
  it('reads CORS_ORIGINS as a list, a literal * or closed', () => {
    expect(corsOrigins({ CORS_ORIGINS: 'https://a.example, https://b.example' })).toEqual([
      'https://a.example',
      'https://b.example',
    ])
    expect(corsOrigins({ CORS_ORIGINS: 'https://a.example,*' })).toBe('*')
    expect(corsOrigins({ CORS_ORIGINS: ' ' })).toBe(false)
  })
})

describe('staticCorsHeaders', () => {
  it('is one fixed header for a literal * without credentials', () => {
    expect(staticCorsHeaders({ origin: '*', methods: ['GET'], maxAge: 600 })).toEqual({
      'access-control-allow-origin': '*',
    })
    expect(staticCorsHeaders({ origin: '*', credentials: false })).toBeDefined()
  })

  it('is left to @fastify/cors whenever the answer depends on the request or adds headers', () => {
    expect(staticCorsHeaders({ origin: ['https://a.example'] })).toBeUndefined()
    expect(staticCorsHeaders({ origin: true })).toBeUndefined()
    expect(staticCorsHeaders({ origin: '*', credentials: true })).toBeUndefined()
    expect(staticCorsHeaders({ origin: '*', exposedHeaders: ['x-total'] })).toBeUndefined()
    expect(staticCorsHeaders({ origin: '*', hook: 'preHandler' })).toBeUndefined()
  })
})
