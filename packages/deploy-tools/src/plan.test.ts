import { describe, expect, it } from 'vitest'
import {
  commitOfTag,
  environmentOfTag,
  plannedNodePort,
  requireApp,
  SERVED_APPS,
  SITES,
  TAG_PATTERN,
} from './plan.ts'

describe('the plan', () => {
  it("gives each environment its own NodePorts; minikube reuses dev's", () => {
    expect(['dev', 'stg', 'prd', 'local'].map((f) => plannedNodePort(f, 'ad-api'))).toEqual([
      30091, 30191, 30291, 30091,
    ])
    expect(plannedNodePort('dev', 'jobs')).toBeUndefined()
    expect(plannedNodePort('cluster', 'console')).toBeUndefined()
  })

  it('accepts only immutable CI tags and knows the commit they were built from', () => {
    expect(TAG_PATTERN.test('stg-1a2b3c4')).toBe(true)
    expect(TAG_PATTERN.test('latest')).toBe(false)
    expect(commitOfTag('prd-1a2b3c4')).toBe('1a2b3c4')
    expect(commitOfTag('main-1a2b3c4')).toBeUndefined()
    expect(environmentOfTag('stg-1a2b3c4')).toBe('stg')
    expect(environmentOfTag('sha256:abc')).toBeUndefined()
  })

  it('routes every app behind the ALB from exactly one site, by prefix patterns', () => {
    const routed = Object.values(SITES).flatMap((site) => [
      site.default,
      ...Object.keys(site.paths),
    ])
    expect(routed.sort()).toEqual([...SERVED_APPS].sort())
    for (const site of Object.values(SITES))
      for (const patterns of Object.values(site.paths) as string[][])
        for (const pattern of patterns) expect(pattern).toMatch(/^\/[\w/-]*\/\*$/)
  })

  it('names the known apps when asked for an unknown one', () => {
    expect(requireApp('console').dockerfile).toBe('docker/web.Dockerfile')
    expect(() => requireApp('billing')).toThrow(/unknown app billing \(known: console, /)
  })
})
