import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  forbiddenPackages,
  leakedPackages,
  requiredByInstalled,
  storeEntryName,
} from './dev-deps.ts'

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'hexad-devdeps-'))
  const write = (dir: string, manifest: object) => {
    mkdirSync(join(root, dir), { recursive: true })
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest))
  }
  write('.', { devDependencies: { vitest: '4', typescript: '6', 'pino-pretty': '13' } })
  write('apps/api', { dependencies: { fastify: '5' }, devDependencies: { '@types/x': '1' } })
  write('packages/kit', { dependencies: { 'pino-pretty': '13' } })
  return root
}

describe('forbiddenPackages', () => {
  it('lists dev dependencies of the root and the closure, minus runtime ones', () => {
    const forbidden = forbiddenPackages(workspace(), ['apps/api', 'packages/kit'])
    expect([...forbidden].sort()).toEqual(['@types/x', 'typescript', 'vitest'])
  })
})

describe('storeEntryName', () => {
  it.each([
    ['vitest@4.1.12', 'vitest'],
    ['@fastify+cors@11.4.3', '@fastify/cors'],
    [
      '@fastify+type-provider-typebox@6.3.0_ajv@8.20.0__typebox@1.4.3',
      '@fastify/type-provider-typebox',
    ],
    ['node_modules', 'node_modules'],
  ])('reads %s as %s', (entry, name) => {
    expect(storeEntryName(entry)).toBe(name)
  })
})

describe('leakedPackages', () => {
  const forbidden = new Set(['vitest', 'typescript', 'eslint', '@types/node'])

  it('reports each forbidden package once', () => {
    const entries = ['vitest@4.1.12', 'vitest@4.1.12_x@1', 'fastify@5.0.0', 'typescript@6.0.3']
    expect(leakedPackages(entries, forbidden, new Set())).toEqual(['typescript', 'vitest'])
  })

  it('accepts a dev dependency of ours that an installed library needs at runtime', () => {
    const entries = ['mysql2@3.24.6', '@types+node@26.6.6']
    expect(leakedPackages(entries, forbidden, new Set(['@types/node']))).toEqual([])
  })
})

describe('requiredByInstalled', () => {
  it('collects the dependencies of every package in the virtual store', () => {
    const store = mkdtempSync(join(tmpdir(), 'hexad-store-'))
    const add = (entry: string, name: string, manifest: object) => {
      mkdirSync(join(store, entry, 'node_modules', name), { recursive: true })
      writeFileSync(
        join(store, entry, 'node_modules', name, 'package.json'),
        JSON.stringify(manifest),
      )
    }
    add('mysql2@3.24.6_@types+node@26.6.6', 'mysql2', { dependencies: { '@types/node': '*' } })
    add('@scope+lib@1.0.0', '@scope/lib', { optionalDependencies: { fsevents: '2' } })
    add('leaf@1.0.0', 'leaf', { peerDependencies: { kysely: '0' } })
    mkdirSync(join(store, 'node_modules'))
    expect([...requiredByInstalled(store)].sort()).toEqual(['@types/node', 'fsevents', 'kysely'])
  })
})
