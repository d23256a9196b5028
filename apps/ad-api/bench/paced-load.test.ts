import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { freePort } from '@hexad/test-support'
import { afterEach, describe, expect, it } from 'vitest'
import { browserUserAgent } from '../test/fixtures.ts'
import { pacedLoad } from './paced-load.ts'

let server: Server | undefined
afterEach(() => {
  server?.close()
  server = undefined
})

/** A server answering 200 on even paths and 500 on odd ones, remembering the user agents. */
async function start() {
  const userAgents = new Set<string | undefined>()
  server = createServer((request, response) => {
    userAgents.add(request.headers['user-agent'])
    response.statusCode = Number(request.url!.slice(1)) % 2 === 0 ? 200 : 500
    response.end('answer')
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, userAgents }
}

// The CPU budget's verdicts rest on these counts: a request the server refused, or never
// answered, must be an error, and every request must be answered before the figures are read.
describe('pacedLoad', () => {
  it('sends rate × seconds requests as a browser and counts 2xx apart from the rest', async () => {
    const { origin, userAgents } = await start()
    const result = await pacedLoad({
      origin,
      path: (i) => `/${i}`,
      rate: 400,
      seconds: 1,
      connections: 4,
    })
    expect(result).toMatchObject({ sent: 400, ok: 200, errors: 200 })
    expect([...userAgents]).toEqual([browserUserAgent])
  })

  it('counts every request to a port nobody listens on as an error', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`
    const result = await pacedLoad({
      origin,
      path: () => '/',
      rate: 100,
      seconds: 1,
      connections: 4,
    })
    expect(result).toMatchObject({ sent: 100, ok: 0, errors: 100 })
  })
})
