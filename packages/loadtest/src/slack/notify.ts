import type { SlackSettings } from './settings.ts'

export interface SlackMessage {
  /** One line: the notification text. */
  title: string
  /** Preformatted text (the summary table), shown in a code block. */
  body: string
}

export interface SlackFile {
  name: string
  title: string
  bytes: Uint8Array
}

/** Slack refused or couldn't be reached. The message never contains the webhook URL or token. */
export class SlackError extends Error {
  override name = 'SlackError'
}

// A section's text may hold 3,000 characters; the fence and a margin take the rest.
const MAX_BODY = 2_900
const codeBlock = (text: string) =>
  '```' + (text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}\n…` : text) + '```'

async function send(what: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  } catch (err) {
    const cause = (err as Error).cause as NodeJS.ErrnoException | undefined
    throw new SlackError(`${what}: ${cause?.code ?? (err as Error).message}`)
  }
}

/** A Web API method: Slack answers HTTP 200 with `ok: false` and an `error` code when it refuses. */
async function callApi(
  settings: SlackSettings,
  token: string,
  method: string,
  body: URLSearchParams | string,
): Promise<Record<string, unknown>> {
  const response = await send(method, `${settings.apiBaseUrl}/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type':
        typeof body === 'string'
          ? 'application/json; charset=utf-8'
          : 'application/x-www-form-urlencoded',
    },
    body,
  })
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok || answer.ok !== true) {
    throw new SlackError(`${method}: ${String(answer.error ?? `HTTP ${response.status}`)}`)
  }
  return answer
}

async function postSummary(webhookUrl: string, message: SlackMessage, reportNote: string) {
  const response = await send('webhook', webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      text: message.title,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${message.title}*` } },
        { type: 'section', text: { type: 'mrkdwn', text: codeBlock(message.body) } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: reportNote }] },
      ],
    }),
  })
  if (!response.ok) {
    throw new SlackError(
      `webhook: HTTP ${response.status} ${(await response.text()).slice(0, 100)}`,
    )
  }
}

/**
 * Files go through Slack's external upload: ask for an upload URL, send the bytes there, then
 * complete the upload, which shares the file in the channel (files.upload was retired in 2025).
 */
async function uploadFile(
  settings: SlackSettings,
  bot: { token: string; channel: string },
  file: SlackFile,
  comment: string,
) {
  const ticket = await callApi(
    settings,
    bot.token,
    'files.getUploadURLExternal',
    new URLSearchParams({ filename: file.name, length: String(file.bytes.byteLength) }),
  )
  const uploaded = await send('file upload', String(ticket.upload_url), {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file.bytes,
  })
  if (!uploaded.ok) throw new SlackError(`file upload: HTTP ${uploaded.status}`)
  await callApi(
    settings,
    bot.token,
    'files.completeUploadExternal',
    JSON.stringify({
      files: [{ id: String(ticket.file_id), title: file.title }],
      channel_id: bot.channel,
      initial_comment: comment,
    }),
  )
}

/**
 * The summary through the webhook, the zipped report through the bot. With only a bot, the
 * upload's comment carries the summary; with only a webhook, the summary says where the report is
 * not (a webhook can't attach files).
 */
export async function notifySlack(
  settings: SlackSettings,
  message: SlackMessage,
  file: SlackFile,
): Promise<void> {
  if (settings.webhookUrl) {
    const note = settings.bot
      ? `Report: \`${file.name}\`, uploaded to this channel by the bot.`
      : 'Report not attached: an incoming webhook cannot upload files (set SLACK_BOT_TOKEN and SLACK_CHANNEL).'
    await postSummary(settings.webhookUrl, message, note)
  }
  if (settings.bot) {
    const comment = settings.webhookUrl
      ? message.title
      : `*${message.title}*\n${codeBlock(message.body)}`
    await uploadFile(settings, settings.bot, file, comment)
  }
}
