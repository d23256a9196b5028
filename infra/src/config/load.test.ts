import { describe, expect, it } from 'vitest'
import type { ENVIRONMENTS } from '@hexad/deploy-tools/plan'
import { EXISTING_CLUSTER, EXISTING_NETWORK } from '../testing/existing-cluster.ts'
import { committedConfig } from '../testing/synthesized.ts'
import { InfraConfigError, validateConfig } from './load.ts'

/** The committed files as plain JSON, to break one value at a time. */
function rawConfig() {
  return JSON.parse(JSON.stringify(committedConfig())) as {
    shared: Record<string, unknown> & { cluster: Record<string, unknown> }
    environments: Record<
      (typeof ENVIRONMENTS)[number],
      Record<string, unknown> & { database: Record<string, unknown> }
    >
  }
}

function problemsOf(raw: ReturnType<typeof rawConfig>): string[] {
  try {
    validateConfig(raw)
  } catch (error) {
    if (error instanceof InfraConfigError) return error.problems
    throw error
  }
  return []
}

describe('infra configuration', () => {
  it('accepts the committed config/*.json', () => {
    expect(problemsOf(rawConfig())).toEqual([])
  })

  it('names the file and field of a wrong value, and refuses unknown keys', () => {
    const raw = rawConfig()
    raw.environments.stg.account = '12345'
    ;(raw.shared as Record<string, unknown>).acount = '123456789012'
    const problems = problemsOf(raw)
    expect(problems.some((p) => p.startsWith('stg.json: /account'))).toBe(true)
    expect(problems.some((p) => p.startsWith('shared.json: /') && p.includes('acount'))).toBe(true)
  })

  it('refuses an environment in another account or region than the cluster', () => {
    const raw = rawConfig()
    raw.environments.prd.region = 'us-east-1'
    expect(problemsOf(raw)).toContain(
      "prd.json: account and region must be shared.json's (the cluster's)",
    )
  })

  it('refuses a migration with a source and no target', () => {
    const raw = rawConfig()
    raw.environments.stg.database.migration = 'none'
    expect(problemsOf(raw)).toContain(
      'database.migration: exactly one source and one target, or neither',
    )
  })

  it('refuses two environments on one host', () => {
    const raw = rawConfig()
    raw.environments.stg.hosts = raw.environments.dev.hosts
    expect(problemsOf(raw).some((p) => p.includes('is already dev'))).toBe(true)
  })

  it('accepts an existing VPC and cluster given by id', () => {
    const raw = rawConfig()
    raw.shared.network = EXISTING_NETWORK
    raw.shared.cluster = EXISTING_CLUSTER
    expect(problemsOf(raw)).toEqual([])
  })
})
