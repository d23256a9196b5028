import { describe, expect, it } from 'vitest'
import { SITES } from './plan.ts'
import { locationOf, routerConfig, type RouterOptions } from './router.ts'

const options: RouterOptions = {
  port: 9000,
  healthPort: 9001,
  hosts: { console: 'console.test', ads: 'ads.test' },
  upstream: (app) => `${app}.svc:80`,
}

/** The server block of one host, as nginx reads it. */
function serverOf(config: string, host: string): string {
  const start = config.indexOf(`server_name ${host};`)
  return config.slice(start, config.indexOf('\n  }', start))
}

describe('the minikube router', () => {
  it("routes each site's prefixes to their app and the rest to the site's default, per host", () => {
    const config = routerConfig(options)
    expect(serverOf(config, 'console.test')).toMatch(
      /location \/api\/ \{\n\s+proxy_pass http:\/\/console-api;\n\s+\}\n\s+location \/ \{\n\s+proxy_pass http:\/\/console;/,
    )
    expect(serverOf(config, 'ads.test')).toMatch(
      /location \/v1\/ \{\n\s+proxy_pass http:\/\/ad-api;\n\s+\}\n\s+location \/ \{\n\s+proxy_pass http:\/\/ad-tag;/,
    )
    expect(config).toContain('upstream console-api {\n    server console-api.svc:80;\n  }')
    expect(config).toContain(
      `listen 9000 default_server;\n    default_type application/json;\n    return 404 '{"error":"not_found","message":"unknown host"}';`,
    )
    expect(Object.keys(SITES).map((site) => config.includes(`${site}.test;`))).toEqual([true, true])
  })

  it('plays only what nginx matches the way the ALB does', () => {
    expect(locationOf('/api/*')).toBe('/api/')
    expect(() => locationOf('/api*')).toThrow(/only prefix patterns/)
    expect(() => locationOf('/img/*.png')).toThrow(/only prefix patterns/)
  })
})
