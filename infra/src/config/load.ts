import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TSchema } from 'typebox'
import Value from 'typebox/value'
import { ENVIRONMENTS, type Environment } from '@hexad/deploy-tools/plan'
import {
  EnvironmentConfigSchema,
  SharedConfigSchema,
  type EnvironmentConfig,
  type SharedConfig,
} from './schema.ts'

export interface InfraConfig {
  shared: SharedConfig
  environments: Record<Environment, EnvironmentConfig>
}

export class InfraConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid infra configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'InfraConfigError'
    this.problems = problems
  }
}

export const CONFIG_DIR = join(import.meta.dirname, '..', '..', 'config')

/** Reads config/shared.json and config/<env>.json, validates each and their agreement. */
export function loadConfig(dir: string = CONFIG_DIR): InfraConfig {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'))
  const raw = {
    shared: read('shared.json'),
    environments: Object.fromEntries(ENVIRONMENTS.map((env) => [env, read(`${env}.json`)])),
  }
  return validateConfig(raw as { shared: unknown; environments: Record<Environment, unknown> })
}

export function validateConfig(raw: {
  shared: unknown
  environments: Record<Environment, unknown>
}): InfraConfig {
  const problems = schemaProblems('shared.json', SharedConfigSchema, raw.shared)
  for (const env of ENVIRONMENTS) {
    problems.push(...schemaProblems(`${env}.json`, EnvironmentConfigSchema, raw.environments[env]))
  }
  if (problems.length > 0) throw new InfraConfigError(problems)
  const config = raw as InfraConfig
  const agreement = agreementProblems(config)
  if (agreement.length > 0) throw new InfraConfigError(agreement)
  return config
}

function schemaProblems(file: string, schema: TSchema, value: unknown): string[] {
  const problems: string[] = []
  for (const error of Value.Errors(schema, value)) {
    const line = `${file}: ${error.instancePath || '/'} ${error.message}`
    if (!problems.includes(line)) problems.push(line)
  }
  return problems
}

/** What the schema can't say: the files must describe one account, one cluster, one flow. */
function agreementProblems({ shared, environments }: InfraConfig): string[] {
  const problems: string[] = []
  const { network, cluster } = shared
  if (network.availabilityZones.some((zone) => !zone.startsWith(shared.region))) {
    problems.push(`shared.json: /network/availabilityZones must be zones of ${shared.region}`)
  }
  if (network.mode === 'existing') {
    const azs = network.availabilityZones.length
    if (network.publicSubnetIds.length !== azs || network.privateSubnetIds.length !== azs) {
      problems.push('shared.json: /network needs one public and one private subnet per AZ')
    }
  }
  if (cluster.mode === 'create') {
    const { minSize, desiredSize, maxSize } = cluster.nodeGroup
    if (!(minSize <= desiredSize && desiredSize <= maxSize)) {
      problems.push('shared.json: /cluster/nodeGroup needs minSize ≤ desiredSize ≤ maxSize')
    }
  }
  const hosts = new Map<string, string>()
  for (const env of ENVIRONMENTS) {
    const config = environments[env]
    const file = `${env}.json`
    if (config.environment !== env) problems.push(`${file}: /environment must be "${env}"`)
    // The environments share the cluster (one namespace each), so they share its account and region.
    if (config.account !== shared.account || config.region !== shared.region) {
      problems.push(`${file}: account and region must be shared.json's (the cluster's)`)
    }
    const [, , , certRegion, certAccount] = config.certificateArn.split(':')
    if (certRegion !== config.region || certAccount !== config.account) {
      problems.push(`${file}: /certificateArn must be in the environment's account and region`)
    }
    if (config.database.maxCapacity < config.database.minCapacity) {
      problems.push(`${file}: /database maxCapacity must be ≥ minCapacity`)
    }
    if (config.analytics.expireAfterDays <= config.analytics.infrequentAccessAfterDays) {
      problems.push(`${file}: /analytics expireAfterDays must come after infrequentAccessAfterDays`)
    }
    for (const host of Object.values(config.hosts)) {
      const other = hosts.get(host)
      if (other) problems.push(`${file}: host ${host} is already ${other}'s`)
      hosts.set(host, env)
    }
  }
  const roles = ENVIRONMENTS.map((env) => environments[env].database.migration)
  const sources = roles.filter((role) => role === 'source').length
  const targets = roles.filter((role) => role === 'target').length
  if (sources > 1 || targets > 1 || sources !== targets) {
    problems.push('database.migration: exactly one source and one target, or neither')
  }
  return problems
}
