import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SITES, UNKNOWN_HOST_RESPONSE, type ServedApp, type Site, type SiteName } from './plan.ts'

/**
 * The minikube stand-in for the ALB (k8s/local/router.yaml): nginx with the host/path rules of
 * the plan's SITES, the ones infra/ writes as listener rules. Generated, never written by hand:
 * lint's `router` rule compares the committed config with this, and containers:verify runs the
 * same config in front of the real images.
 */
export interface RouterOptions {
  /** Port the sites listen on (what the ALB's listener is). */
  port: number
  /** The router's own probes, on a port of their own so no site's rules apply to them. */
  healthPort: number
  /** Host name of each site. */
  hosts: Record<SiteName, string>
  /** `host:port` each app is reached at (its target group). */
  upstream: (app: ServedApp) => string
}

/** Hosts of the sites on minikube: browsers resolve `*.localhost` to this machine themselves. */
export const LOCAL_HOSTS: Record<SiteName, string> = {
  console: 'console.localhost',
  ads: 'ads.localhost',
}
/** `kubectl -n hexad-local port-forward svc/router 8080:80`: the origin the local config names. */
export const LOCAL_ROUTER_PORT = 8080
export const LOCAL_NAMESPACE = 'hexad-local'

/** The router of k8s/local: each app by its Service's cluster DNS name. */
export const localRouterOptions: RouterOptions = {
  port: 8080,
  healthPort: 8081,
  hosts: LOCAL_HOSTS,
  upstream: (app) => `${app}.${LOCAL_NAMESPACE}.svc.cluster.local:80`,
}

/** `/api/*` → `/api/`: the ALB's prefix patterns are nginx prefix locations. */
export function locationOf(pattern: string): string {
  if (!/^\/[^*?]*\/\*$/.test(pattern))
    throw new Error(`path pattern ${pattern}: the router plays only prefix patterns (/prefix/*)`)
  return pattern.slice(0, -1)
}

function siteServer(host: string, site: Site, port: number): string[] {
  const locations = Object.entries(site.paths).flatMap(([app, patterns]) =>
    (patterns ?? []).map((pattern) => ({ app, location: locationOf(pattern) })),
  )
  // The ALB tries a site's path rules in priority order, nginx the longest prefix: the same only
  // while no prefix contains another.
  for (const a of locations)
    for (const b of locations)
      if (a !== b && b.location.startsWith(a.location))
        throw new Error(`${host}: ${a.location} and ${b.location} overlap`)
  return [
    '  server {',
    `    listen ${port};`,
    `    server_name ${host};`,
    ...locations.flatMap(({ app, location }) => [
      `    location ${location} {`,
      `      proxy_pass http://${app};`,
      '    }',
    ]),
    '    location / {',
    `      proxy_pass http://${site.default};`,
    '    }',
    '  }',
  ]
}

export function routerConfig(options: RouterOptions): string {
  const apps = [
    ...new Set(
      Object.values(SITES).flatMap((site: Site) => [site.default, ...Object.keys(site.paths)]),
    ),
  ] as ServedApp[]
  const body = UNKNOWN_HOST_RESPONSE.body.replaceAll("'", "\\'")
  return [
    '# Generated from the delivery plan (SITES in packages/deploy-tools/src/plan.ts) by',
    '# packages/deploy-tools/src/router.ts: the ALB listener rules of infra/, played by nginx.',
    'worker_processes 1;',
    'pid /tmp/nginx.pid;',
    'error_log /dev/stderr warn;',
    'daemon off;',
    '',
    'events {',
    '  worker_connections 1024;',
    '}',
    '',
    'http {',
    '  client_body_temp_path /tmp/client_body;',
    '  proxy_temp_path /tmp/proxy;',
    '  fastcgi_temp_path /tmp/fastcgi;',
    '  uwsgi_temp_path /tmp/uwsgi;',
    '  scgi_temp_path /tmp/scgi;',
    '  access_log /dev/stdout;',
    '  server_tokens off;',
    '',
    '  # As the ALB does: no body limit of its own (the services answer 413), the 60 s idle',
    '  # timeout, the path matched as sent (no merged slashes), the Host header passed on, and',
    '  # X-Forwarded-For/-Proto/-Port added (TRUST_PROXY_HOPS=1 behind it).',
    '  client_max_body_size 0;',
    '  merge_slashes off;',
    '  proxy_http_version 1.1;',
    '  proxy_set_header Connection "";',
    '  proxy_set_header Host $http_host;',
    '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  proxy_set_header X-Forwarded-Proto $scheme;',
    '  proxy_set_header X-Forwarded-Port $server_port;',
    '  proxy_read_timeout 60s;',
    '  proxy_send_timeout 60s;',
    '',
    ...apps.flatMap((app) => [
      `  upstream ${app} {`,
      `    server ${options.upstream(app)};`,
      '  }',
    ]),
    '',
    '  # A host no site claims: the listener default action.',
    '  server {',
    `    listen ${options.port} default_server;`,
    `    default_type ${UNKNOWN_HOST_RESPONSE.contentType};`,
    `    return ${UNKNOWN_HOST_RESPONSE.status} '${body}';`,
    '  }',
    ...Object.entries(SITES).flatMap(([name, site]) => [
      '',
      ...siteServer(options.hosts[name as SiteName], site, options.port),
    ]),
    '',
    '  # The router itself, for its probes.',
    '  server {',
    `    listen ${options.healthPort};`,
    '    access_log off;',
    '    default_type application/json;',
    `    return 200 '{"status":"ok"}';`,
    '  }',
    '}',
    '',
  ].join('\n')
}

/** Where the router lives: its ConfigMap is the first document, the rest is written by hand. */
export const ROUTER_FILE = 'local/router.yaml'
export const ROUTER_CONFIG_KEY = 'nginx.conf'

/** The ConfigMap document of k8s/local/router.yaml, as `pnpm k8s router` writes it. */
export function routerConfigMap(): string {
  const conf = routerConfig(localRouterOptions)
  return [
    '# minikube has no ALB: this router plays it (the ALB listener rules of infra/, from the same',
    '# plan). This first document is written by `pnpm k8s router`; the rest of the file by hand.',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: router',
    `  namespace: ${LOCAL_NAMESPACE}`,
    '  labels:',
    '    app.kubernetes.io/name: router',
    '    app.kubernetes.io/part-of: hexad',
    'data:',
    `  ${ROUTER_CONFIG_KEY}: |`,
    ...conf
      .trimEnd()
      .split('\n')
      .map((line) => (line === '' ? '' : `    ${line}`)),
    '',
  ].join('\n')
}

/** Rewrites the generated document of k8s/local/router.yaml; returns whether it changed. */
export function writeRouter(k8s: string): boolean {
  const path = join(k8s, ROUTER_FILE)
  const text = readFileSync(path, 'utf8')
  const rest = text.indexOf('\n---\n')
  if (rest === -1) throw new Error(`${ROUTER_FILE}: expected the ConfigMap, ---, then the rest`)
  const next = routerConfigMap() + text.slice(rest + 1)
  if (next === text) return false
  writeFileSync(path, next)
  return true
}
