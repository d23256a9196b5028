import { once } from 'node:events'
import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of the test MySQL server that a test can break in the two ways a database
 * goes away: `cut` resets every connection and refuses new ones (a crash, a failover), `freeze`
 * keeps connections open but lets no byte through (a partition: packets dropped, no reset).
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  let frozen = false

  async function listen() {
    server = createServer((client) => {
      const upstream = connect(target)
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        sockets.add(a)
        a.on('data', (chunk) => {
          if (!frozen) b.write(chunk)
        })
        a.on('error', () => b.destroy())
        a.on('close', () => {
          sockets.delete(a)
          b.destroy()
        })
      }
    })
    server.listen(port, '127.0.0.1')
    await once(server, 'listening')
    port = (server.address() as { port: number }).port
  }

  await listen()
  return {
    get port() {
      return port
    },
    async cut() {
      for (const socket of sockets) socket.resetAndDestroy()
      const closed = once(server!, 'close')
      server!.close()
      await closed
    },
    freeze() {
      frozen = true
    },
    async restore() {
      frozen = false
      if (!server?.listening) await listen()
    },
    async stop() {
      for (const socket of sockets) socket.destroy()
      if (server?.listening) {
        const closed = once(server, 'close')
        server.close()
        await closed
      }
    },
  }
}
