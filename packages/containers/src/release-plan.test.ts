import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { changelogBase, deployedTag, releasePlan } from './release-plan.ts'

const REGISTRY = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com'
let root: string

function git(...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim()
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

function commit(message: string): string {
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', message)
  return git('rev-parse', '--short=7', 'HEAD')
}

/** One Deployment per app in `k8s/<env>/apps.yaml`, running `hexad/<app>:<tag>`. */
function deploy(env: string, tags: Record<string, string>): void {
  const deployments = Object.entries(tags).map(([app, tag]) =>
    stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app },
      spec: {
        template: {
          spec: { containers: [{ name: app, image: `${REGISTRY}/hexad/${app}:${tag}` }] },
        },
      },
    }),
  )
  write(`k8s/${env}/apps.yaml`, deployments.join('---\n'))
}

const apps = [
  { name: 'api', repository: 'hexad/api', inputs: ['apps/api', 'packages/kit'] },
  { name: 'web', repository: 'hexad/web', inputs: ['apps/web'] },
]

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hexad-plan-'))
  git('init', '-q')
  write('apps/api/server.ts', 'v1')
  write('apps/web/index.html', 'v1')
  write('packages/kit/index.ts', 'v1')
})

describe('releasePlan', () => {
  it('skips images whose inputs did not change since the deployed tag, builds the others', () => {
    const first = commit('first')
    deploy('dev', { api: `dev-${first}`, web: `dev-${first}` })
    write('packages/kit/index.ts', 'v2')
    const head = commit('kit v2')
    expect(releasePlan(root, 'dev', head, apps)).toEqual([
      { app: 'api', action: 'build' },
      { app: 'web', action: 'skip', reason: `unchanged since dev-${first}` },
    ])
  })

  it('promotes the dev image to stg when the code is what dev was built from', () => {
    const first = commit('first')
    deploy('stg', { api: `stg-${first}`, web: `stg-${first}` })
    write('apps/api/server.ts', 'v2')
    const second = commit('api v2')
    deploy('dev', { api: `dev-${second}`, web: `dev-${first}` })
    const head = commit('dev deployed')
    expect(releasePlan(root, 'stg', head, apps)).toEqual([
      { app: 'api', action: 'retag', from: `dev-${second}` },
      { app: 'web', action: 'skip', reason: `unchanged since stg-${first}` },
    ])
  })

  it('builds when the code differs from what the previous environment runs', () => {
    const first = commit('first')
    deploy('dev', { api: `dev-${first}`, web: `dev-${first}` })
    deploy('stg', { api: `stg-${first}`, web: `stg-${first}` })
    write('apps/web/index.html', 'v2')
    const head = commit('web v2, not yet in dev')
    expect(releasePlan(root, 'stg', head, apps)[1]).toEqual({ app: 'web', action: 'build' })
  })

  it('builds when the deployed tag is unknown to git (first deploy, placeholder tags)', () => {
    commit('first')
    deploy('dev', { api: 'dev-0000000', web: 'dev-0000000' })
    const head = commit('placeholders')
    expect(releasePlan(root, 'dev', head, apps).map((s) => s.action)).toEqual(['build', 'build'])
  })
})

describe('changelogBase', () => {
  it('is the oldest deployed commit among the images that change', () => {
    const first = commit('first')
    write('apps/web/index.html', 'v2')
    const second = commit('web v2')
    deploy('stg', { api: `stg-${second}`, web: `stg-${first}` })
    const steps = [
      { app: 'api', action: 'build' as const },
      { app: 'web', action: 'build' as const },
    ]
    expect(changelogBase(root, 'stg', apps, steps)).toBe(first)
  })
})

describe('deployedTag', () => {
  it("reads the tag of the repository's image that the environment's pods run", () => {
    deploy('prd', { api: 'prd-1a2b3c4' })
    expect(deployedTag(root, 'prd', 'hexad/api')).toBe('prd-1a2b3c4')
    expect(deployedTag(root, 'prd', 'hexad/web')).toBeUndefined()
  })
})
