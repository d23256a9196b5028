import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { freePort } from '@hexad/test-support'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestService } from '../test/build-test-service.ts'
import type { ServiceInstance } from './create-service.ts'

let app: ServiceInstance
afterEach(() => app?.close())

describe('request logs', () => {
  it('in development: one line per request, with method, url, status and time, no headers', async () => {
    let logs: Record<string, unknown>[]
    ;({ app, logs } = await buildTestService({ NODE_ENV: 'development' }))
    await app.inject({ url: '/chatty', headers: { cookie: 'session=s3cret' } })
    await app.inject({ url: '/nowhere' })
    const requestLines = logs.filter((l) => /^GET /.test(String(l.msg)))
    expect(requestLines.map((l) => String(l.msg).replace(/ [\d.]+ ms$/, ' <t> ms'))).toEqual([
      'GET /chatty 200 <t> ms',
      'GET /nowhere 404 <t> ms',
    ])
    expect(logs.map((l) => l.msg)).not.toContain('incoming request')
    expect(JSON.stringify(logs)).not.toContain('headers')
  })

  it('in production: the request as it came in and as it was answered, for the log pipeline', async () => {
    let logs: Record<string, unknown>[]
    ;({ app, logs } = await buildTestService({ NODE_ENV: 'production' }))
    await app.inject({ url: '/chatty', headers: { 'user-agent': 'probe' } })
    expect(logs.map((l) => l.msg)).toEqual([
      'incoming request',
      'handler says hello',
      'request completed',
    ])
    expect(logs[0]).toMatchObject({ req: { method: 'GET', url: '/chatty' } })
    expect(JSON.stringify(logs[0])).toContain('"user-agent":"probe"')
  })
})

describe('log format of a real process', { timeout: 30_000 }, () => {
  it('is pino-pretty in development and JSON in production', async () => {
    const fixture = fileURLToPath(new URL('../test/fixtures/slow-service.ts', import.meta.url))
    async function firstRequestLine(NODE_ENV: string): Promise<string> {
      const port = await freePort()
      const child = spawn(process.execPath, [fixture], {
        env: {
          ...process.env,
          NODE_ENV,
          HOST: '127.0.0.1',
          PORT: String(port),
          SHUTDOWN_DELAY_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      await expect.poll(() => output.includes('listening'), { timeout: 20_000 }).toBe(true)
      await fetch(`http://127.0.0.1:${port}/slow?ms=1`)
      await expect.poll(() => output.includes('slow?ms=1'), { timeout: 10_000 }).toBe(true)
      child.kill('SIGTERM')
      await once(child, 'exit')
      return output.split('\n').find((line) => line.includes('slow?ms=1')) ?? ''
    }
    // eslint-disable-next-line no-control-regex
    const plain = (line: string) => line.replace(/\x1b\[[\d;]*m/g, '')
    expect(plain(await firstRequestLine('development'))).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/slow\?ms=1 200 [\d.]+ ms$/,
    )
    expect(JSON.parse(await firstRequestLine('production'))).toMatchObject({
      msg: 'incoming request',
      req: { url: '/slow?ms=1' },
    })
  })
})
