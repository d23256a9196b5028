import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Template } from 'aws-cdk-lib/assertions'
import type { CloudAssembly } from 'aws-cdk-lib/cx-api'
import { createApp, type HexadApp } from '../app.ts'
import { loadConfig, type InfraConfig } from '../config/load.ts'

export interface Synthesized {
  config: InfraConfig
  hexad: HexadApp
  assembly: CloudAssembly
  /** By stack name: hexad-shared, hexad-cluster, hexad-dev, hexad-stg, hexad-prd. */
  templates: Record<string, Template>
}

const cache = new Map<InfraConfig, Synthesized>()

/**
 * The app built from a configuration (by default the committed config/*.json) and synthesized
 * into a temporary folder, once per configuration and test run: synthesis is the slow part.
 */
export function synthesized(config: InfraConfig = committedConfig()): Synthesized {
  const known = cache.get(config)
  if (known) return known
  const hexad = createApp(config, mkdtempSync(join(tmpdir(), 'hexad-infra-')))
  const assembly = hexad.app.synth()
  const templates = Object.fromEntries(
    assembly.stacks.map((stack) => [stack.stackName, Template.fromJSON(stack.template)]),
  )
  const result = { config, hexad, assembly, templates }
  cache.set(config, result)
  return result
}

let committed: InfraConfig | undefined
export function committedConfig(): InfraConfig {
  committed ??= loadConfig()
  return committed
}
