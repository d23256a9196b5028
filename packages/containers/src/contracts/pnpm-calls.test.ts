import { describe, expect, it } from 'vitest'
import { pnpmCalls } from './pnpm-calls.ts'

describe('pnpmCalls', () => {
  it.each([
    ['pnpm lint', [{ script: 'lint' }]],
    ['sudo corepack enable pnpm && pnpm --version', []],
    ['CI=1 pnpm test', [{ script: 'test' }]],
    ['pnpm run test:e2e', [{ script: 'test:e2e' }]],
    ['pnpm k8s set-image --env "$ENV"', [{ script: 'k8s' }]],
    [
      'pnpm --silent --filter @hexad/containers release-plan --env dev',
      [{ filter: '@hexad/containers', script: 'release-plan' }],
    ],
    ['pnpm --filter=@hexad/console build', [{ filter: '@hexad/console', script: 'build' }]],
    ['pnpm config set store-dir ~/.pnpm-store\npnpm install --frozen-lockfile', []],
    [
      'x=$(pnpm --silent k8s changelog) && pnpm typecheck',
      [{ script: 'k8s' }, { script: 'typecheck' }],
    ],
  ])('%s', (command, calls) => {
    expect(pnpmCalls(command)).toEqual(calls)
  })
})
