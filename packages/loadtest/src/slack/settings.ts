import { UsageError } from '../cli/usage-error.ts'

export interface SlackSettings {
  /** Incoming webhook: posts the summary. It cannot carry a file. */
  webhookUrl: string | null
  /** A bot token (files:write, and the bot invited to the channel) uploads the zipped report. */
  bot: { token: string; channel: string } | null
  /** Slack's Web API; a local fake server in tests. */
  apiBaseUrl: string
}

function urlFrom(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]
  if (!value) return null
  try {
    return new URL(value).href
  } catch {
    // The value itself is never echoed: a webhook URL is a secret.
    throw new UsageError(`${name}: is not a URL`)
  }
}

/**
 * Slack from the environment only (secrets never on the command line, where process lists and
 * build logs show them). Null when nothing is set; `required` (the --slack-webhook flag) refuses
 * to run without a webhook, so a pipeline that means to notify can't silently stay quiet.
 */
export function slackFromEnv(env: NodeJS.ProcessEnv, required: boolean): SlackSettings | null {
  const webhookUrl = urlFrom(env, 'SLACK_WEBHOOK_URL')
  const token = env.SLACK_BOT_TOKEN ?? ''
  const channel = env.SLACK_CHANNEL ?? ''
  if (Boolean(token) !== Boolean(channel)) {
    throw new UsageError(
      'SLACK_BOT_TOKEN and SLACK_CHANNEL: set both to upload the report, or neither',
    )
  }
  if (required && !webhookUrl) {
    throw new UsageError('--slack-webhook: SLACK_WEBHOOK_URL is not set')
  }
  if (!webhookUrl && !token) return null
  return {
    webhookUrl,
    bot: token ? { token, channel } : null,
    apiBaseUrl: (urlFrom(env, 'SLACK_API_BASE_URL') ?? 'https://slack.com/api').replace(/\/$/, ''),
  }
}
