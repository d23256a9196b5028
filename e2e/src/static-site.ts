import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

/**
 * A built web app served the way its container serves it (docker/web): static files, the
 * /config.js written from the environment, the SPA fallback, and /api proxied to the API.
 */
export interface StaticSiteOptions {
  root: string
  /** Unknown paths get index.html (history-mode routing). */
  spaFallback?: boolean
  /** Requests under /api/ go to this origin, as the console's container routes them. */
  apiProxy?: string
  /** The body of /config.js (`window.__HEXAD_CONFIG__ = …`). */
  configScript?: string
}

export interface Site {
  url: string
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  const path = normalize(join(root, decodeURIComponent(urlPath)))
  if (path !== root && !path.startsWith(root + sep)) return null // no ../ out of the root
  const info = await stat(path).catch(() => null)
  if (info?.isFile()) return path
  if (info?.isDirectory()) return fileAt(root, join(urlPath, 'index.html'))
  return null
}

function proxy(target: string, req: IncomingMessage, res: ServerResponse) {
  const upstream = request(
    new URL(req.url ?? '/', target),
    { method: req.method, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    },
  )
  // What nginx answers when the upstream is down, so the console sees the same thing.
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/html' })
    res.end('<h1>502 Bad Gateway</h1>')
  })
  req.pipe(upstream)
}

export async function serveStaticSite(options: StaticSiteOptions): Promise<Site> {
  const root = normalize(options.root)
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    if (options.apiProxy && path.startsWith('/api/')) return proxy(options.apiProxy, req, res)
    if (path === '/config.js' && options.configScript !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' })
      return res.end(options.configScript)
    }
    const file =
      (await fileAt(root, path)) ?? (options.spaFallback ? join(root, 'index.html') : null)
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      return res.end('not found')
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on (taken from the OS, then released): an API that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
