import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyK8s } from '../test/k8s-copy.ts'
import { listManifestFiles } from './manifests.ts'
import { setImage } from './set-image.ts'

const snapshot = (root: string) =>
  new Map(listManifestFiles(root, ['dev', 'stg', 'prd']).map((f) => [f.file, f.text]))

describe('set-image', () => {
  for (const kubectl of [false, undefined] as const) {
    it(`changes only the tag, byte for byte (${kubectl === false ? 'pure TS' : 'cross-checked with kubectl when present'})`, () => {
      const root = copyK8s()
      const before = snapshot(root)
      const changes = setImage(root, 'stg', 'fluentd', 'stg-abcdef1', { kubectl })
      expect(changes.map((c) => c.file).sort()).toEqual(['stg/ad-api.yaml', 'stg/console-api.yaml'])
      for (const [file, text] of snapshot(root)) {
        const old = before.get(file)!
        const expected = file.startsWith('stg/')
          ? old.replaceAll('hexad/fluentd:stg-0541305', 'hexad/fluentd:stg-abcdef1')
          : old
        expect(text, file).toBe(expected)
      }
    })
  }

  it('keeps quotes and comments around the image', () => {
    const root = copyK8s()
    const file = join(root, 'dev/console.yaml')
    const quoted = readFileSync(file, 'utf8').replace(
      /image: (\S+console:dev-0541305)/,
      "image: '$1' # pinned by CI",
    )
    writeFileSync(file, quoted)
    setImage(root, 'dev', 'console', 'dev-1234567', { kubectl: false })
    expect(readFileSync(file, 'utf8')).toBe(
      quoted.replace('console:dev-0541305', 'console:dev-1234567'),
    )
  })

  it('updates every CronJob of the jobs image', () => {
    const root = copyK8s()
    const changes = setImage(root, 'stg', 'jobs', 'stg-0abc123', { kubectl: false })
    expect(changes.map((c) => c.file)).toEqual([
      'stg/aggregate-reports.yaml',
      'stg/migrate-data.yaml',
      'stg/ship-orphans.yaml',
    ])
  })

  it('refuses unknown apps, bad tags and unknown environments, writing nothing', () => {
    const root = copyK8s()
    const before = snapshot(root)
    expect(() => setImage(root, 'dev', 'billing', 'dev-abcdef1')).toThrow(/unknown app billing/)
    expect(() => setImage(root, 'dev', 'console', 'latest')).toThrow(/bad tag latest/)
    expect(() => setImage(root, 'dev', 'console', 'dev-XYZ')).toThrow(/bad tag/)
    // stg runs stg-<sha> tags: a dev tag there would be expired by dev's ECR lifecycle rule.
    expect(() => setImage(root, 'stg', 'console', 'dev-abcdef1')).toThrow(
      /bad tag dev-abcdef1: expected an immutable stg-<git sha>/,
    )
    expect(() => setImage(root, 'qa', 'console', 'dev-abcdef1')).toThrow(/unknown environment qa/)
    expect(snapshot(root)).toEqual(before)
  })
})
