import { describe, expect, it } from 'vitest'
import { helmetHeaders } from './security-headers.ts'

describe('helmetHeaders', () => {
  it("computes helmet's defaults once, as header name → value", () => {
    const headers = helmetHeaders()
    expect(headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(headers['cross-origin-resource-policy']).toBe('same-origin')
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'")
  })

  it("passes helmet's options through", () => {
    const headers = helmetHeaders({
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: false,
    })
    expect(headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(headers['content-security-policy']).toBeUndefined()
  })
})
