import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeSlack, type FakeSlack, type ReceivedRequest } from '../../test/fake-slack.ts'
import { notifySlack, SlackError } from './notify.ts'
import { slackFromEnv } from './settings.ts'

const message = {
  title: 'hexad load test publisher → http://t: PASSED',
  body: 'endpoint  requests\nads  10',
}
const file = {
  name: 'loadtest-publisher.zip',
  title: message.title,
  bytes: zipSync({ 'report.html': strToU8('<html></html>') }),
}
const TOKEN = 'xoxb-test-token'

let slack: FakeSlack
afterEach(() => slack?.close())

const paths = (received: ReceivedRequest[]) => received.map((r) => `${r.method} ${r.path}`)
const jsonOf = (r: ReceivedRequest | undefined) =>
  JSON.parse(r?.body.toString() ?? '') as Record<string, unknown>

describe('notifySlack', () => {
  it('posts the summary to the webhook and uploads the zip with the bot', async () => {
    slack = await startFakeSlack()
    const settings = slackFromEnv(
      {
        SLACK_WEBHOOK_URL: slack.webhookUrl,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_CHANNEL: 'C0LOADTEST',
        SLACK_API_BASE_URL: slack.apiBaseUrl,
      },
      true,
    )
    await notifySlack(settings!, message, file)

    expect(paths(slack.received)).toEqual([
      'POST /hook',
      'POST /api/files.getUploadURLExternal',
      'POST /upload/F123',
      'POST /api/files.completeUploadExternal',
    ])
    const [hook, ticket, upload, complete] = slack.received
    const summary = jsonOf(hook)
    expect(summary.text).toBe(message.title)
    expect(JSON.stringify(summary.blocks)).toContain('```endpoint  requests\\nads  10```')
    expect(hook?.headers.authorization).toBeUndefined()

    expect(ticket?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(ticket?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(ticket?.body.toString())
    expect(Object.fromEntries(form)).toEqual({
      filename: file.name,
      length: String(file.bytes.length),
    })

    expect(upload?.body.equals(Buffer.from(file.bytes))).toBe(true)
    expect(strFromU8(unzipSync(new Uint8Array(upload!.body))['report.html']!)).toBe('<html></html>')

    expect(complete?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(jsonOf(complete)).toEqual({
      files: [{ id: 'F123', title: message.title }],
      channel_id: 'C0LOADTEST',
      initial_comment: message.title,
    })
  })

  it('with a webhook only, posts the summary and says the report could not be attached', async () => {
    slack = await startFakeSlack()
    await notifySlack(slackFromEnv({ SLACK_WEBHOOK_URL: slack.webhookUrl }, false)!, message, file)
    expect(paths(slack.received)).toEqual(['POST /hook'])
    expect(JSON.stringify(jsonOf(slack.received[0]).blocks)).toContain(
      'an incoming webhook cannot upload files',
    )
  })

  it('with a bot only, puts the summary in the upload’s comment', async () => {
    slack = await startFakeSlack()
    const env = {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_CHANNEL: 'C1',
      SLACK_API_BASE_URL: slack.apiBaseUrl,
    }
    await notifySlack(slackFromEnv(env, false)!, message, file)
    expect(paths(slack.received)).not.toContain('POST /hook')
    expect(jsonOf(slack.received.at(-1)).initial_comment).toBe(
      `*${message.title}*\n\`\`\`${message.body}\`\`\``,
    )
  })

  it('reports Slack’s error code, and never the token', async () => {
    slack = await startFakeSlack({
      method: 'files.completeUploadExternal',
      error: 'not_in_channel',
    })
    const env = {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_CHANNEL: 'C1',
      SLACK_API_BASE_URL: slack.apiBaseUrl,
    }
    const failure = notifySlack(slackFromEnv(env, false)!, message, file)
    await expect(failure).rejects.toThrow(
      new SlackError('files.completeUploadExternal: not_in_channel'),
    )
  })
})

describe('slackFromEnv', () => {
  it('is off when nothing is set, unless --slack-webhook requires it', () => {
    expect(slackFromEnv({}, false)).toBeNull()
    expect(() => slackFromEnv({}, true)).toThrow('--slack-webhook: SLACK_WEBHOOK_URL is not set')
  })

  it('wants the bot token and the channel together', () => {
    expect(() => slackFromEnv({ SLACK_BOT_TOKEN: TOKEN }, false)).toThrow(/set both/)
    expect(() => slackFromEnv({ SLACK_CHANNEL: 'C1' }, false)).toThrow(/set both/)
  })

  it('names a malformed webhook without echoing it', () => {
    expect(() => slackFromEnv({ SLACK_WEBHOOK_URL: 'hooks.slack.com/T0/secret' }, false)).toThrow(
      /^SLACK_WEBHOOK_URL: is not a URL$/,
    )
  })

  it('talks to slack.com unless told otherwise', () => {
    expect(slackFromEnv({ SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C1' }, false)?.apiBaseUrl).toBe(
      'https://slack.com/api',
    )
  })
})
