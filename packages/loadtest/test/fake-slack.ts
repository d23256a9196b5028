// A stand-in for Slack on 127.0.0.1: an incoming webhook at /hook, the Web API under /api, and
// the upload URL files.getUploadURLExternal hands out. It records every request it receives.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export interface FakeSlack {
  webhookUrl: string
  apiBaseUrl: string
  received: ReceivedRequest[]
  close(): Promise<void>
}

/** `refuse`: a Web API method that answers `ok: false` with this error code. */
export async function startFakeSlack(refuse?: {
  method: string
  error: string
}): Promise<FakeSlack> {
  const received: ReceivedRequest[] = []
  let base = ''
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () => {
      const path = request.url ?? '/'
      received.push({
        method: request.method ?? '',
        path,
        headers: request.headers,
        body: Buffer.concat(chunks),
      })
      const json = (body: unknown) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      const method = path.replace(/^\/api\//, '')
      if (refuse && method === refuse.method) return json({ ok: false, error: refuse.error })
      if (path === '/hook') return response.writeHead(200).end('ok')
      if (method === 'files.getUploadURLExternal') {
        return json({ ok: true, upload_url: `${base}/upload/F123`, file_id: 'F123' })
      }
      if (path === '/upload/F123')
        return response.writeHead(200).end(`OK - ${Buffer.concat(chunks).length}`)
      if (method === 'files.completeUploadExternal')
        return json({ ok: true, files: [{ id: 'F123' }] })
      response.writeHead(404).end('no_such_route')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    webhookUrl: `${base}/hook`,
    apiBaseUrl: `${base}/api`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
