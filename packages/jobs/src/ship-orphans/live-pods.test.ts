import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { livePods } from './live-pods.ts'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** A Kubernetes API that answers the pod list in pages, as the real one does with `limit`. */
async function fakeApi(answer: (request: IncomingMessage) => { status: number; body: unknown }) {
  const seen: IncomingMessage[] = []
  const server = createServer((req, res) => {
    seen.push(req)
    const { status, body } = answer(req)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  close = () => new Promise((resolve) => server.close(() => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

const pod = (name: string, phase: string) => ({ metadata: { name }, status: { phase } })

describe('livePods', () => {
  it("lists the namespace's pods that have not finished, through every page", async () => {
    const api = await fakeApi((req) => {
      const url = new URL(req.url ?? '/', 'http://api')
      return url.searchParams.get('continue') === 'page-2'
        ? { status: 200, body: { items: [pod('ad-api-3', 'Pending'), pod('job-x', 'Succeeded')] } }
        : {
            status: 200,
            body: {
              items: [
                pod('ad-api-1', 'Running'),
                pod('ad-api-2', 'Failed'),
                pod('ad-api-4', 'Unknown'),
              ],
              metadata: { continue: 'page-2' },
            },
          }
    })
    const names = await livePods({ url: api.url, token: 'sa-token', namespace: 'hexad-dev' })
    expect([...names].sort()).toEqual(['ad-api-1', 'ad-api-3', 'ad-api-4'])
    expect(api.seen.map((req) => new URL(req.url ?? '', 'http://api').pathname)).toEqual([
      '/api/v1/namespaces/hexad-dev/pods',
      '/api/v1/namespaces/hexad-dev/pods',
    ])
    expect(api.seen[0]?.headers.authorization).toBe('Bearer sa-token')
  })

  it('fails when the API refuses: no answer, no folder is an orphan', async () => {
    const api = await fakeApi(() => ({ status: 403, body: { reason: 'Forbidden' } }))
    await expect(
      livePods({ url: api.url, token: 'wrong', namespace: 'hexad-dev' }),
    ).rejects.toThrow(/answered 403/)
  })
})
