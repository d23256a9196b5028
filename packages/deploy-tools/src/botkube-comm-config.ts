import { parse, stringify } from 'yaml'

export interface SlackTokens {
  botToken: string
  appToken: string
}

type Platforms = Record<string, Record<string, unknown> | null>

/**
 * The `comm_config.yaml` botkube reads from its communication Secret: what the chart's
 * templates/communicationsecret.yaml would write from these values (the `communications` block,
 * platforms set to null dropped as helm drops them), with the Slack tokens filled in. The values
 * name the Secret instead (`existingCommunicationsSecretName`), so the tokens stay out of them.
 */
export function botkubeCommConfig(valuesText: string, tokens: SlackTokens): string {
  const values = parse(valuesText) as { communications?: Record<string, Platforms> }
  const communications = Object.fromEntries(
    Object.entries(values.communications ?? {}).map(([group, platforms]) => [
      group,
      Object.fromEntries(
        Object.entries(platforms)
          .filter(([, platform]) => platform !== null)
          .map(([name, platform]) => [
            name,
            name === 'socketSlack' ? { ...platform, ...tokens } : platform,
          ]),
      ),
    ]),
  )
  return `# Communication settings\n${stringify({ communications })}`
}
