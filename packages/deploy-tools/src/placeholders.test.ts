import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  findPlaceholders,
  formatPlaceholders,
  PLACEHOLDER_FOLDERS,
  PLACEHOLDER_KINDS,
} from './placeholders.ts'
import { repoRoot } from './repo.ts'

/** The folders that hold placeholders, copied, with every known stand-in replaced. */
function filledIn(): string {
  const root = mkdtempSync(join(tmpdir(), 'hexad-placeholders-'))
  for (const folder of PLACEHOLDER_FOLDERS) {
    cpSync(join(repoRoot(), folder), join(root, folder), { recursive: true })
    for (const entry of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      const path = join(root, folder, entry)
      if (!/\.(ya?ml|json)$/.test(entry)) continue
      const text = readFileSync(path, 'utf8')
        .replaceAll('123456789012', '210987654321')
        .replaceAll('hexad.example.com', 'acme-ads.co.jp')
        .replaceAll('fs-0123456789abcdef0', 'fs-0fedcba9876543210')
        .replace(/UExBQ0VIT0xERVI6IG5vdCB3cmFwcGVkIGJ5IEtNUzsg\S*/g, 'AQICAHh...wrapped-by-kms')
        .replace(/KUBESEC_SHA256: PLACEHOLDER-\S*/, `KUBESEC_SHA256: ${'a'.repeat(64)}`)
        .replace(
          /00000000-0000-4000-8000-0000000000(\d\d)/g,
          '7d1e2f3a-0b4c-4d5e-8f60-7182930a41$1',
        )
        .replace('"owner": "hexad-example"', '"owner": "acme"')
      writeFileSync(path, text)
    }
  }
  return root
}

describe('pnpm k8s placeholders', () => {
  it('finds every kind of stand-in the repository ships, with the file and line', () => {
    const hits = findPlaceholders(repoRoot())
    expect(new Set(hits.map((h) => h.kind.name))).toEqual(
      new Set(PLACEHOLDER_KINDS.map((k) => k.name)),
    )
    expect(hits).toContainEqual(
      expect.objectContaining({
        file: 'k8s/cluster/storage-class.yaml',
        kind: expect.objectContaining({ name: 'EFS file system id' }),
      }),
    )
    for (const file of ['k8s/dev/secrets.enc.yaml', 'k8s/cluster/botkube/secrets.enc.yaml'])
      expect(
        hits.some((h) => h.file === file && h.kind.name.startsWith('sealed secret')),
        file,
      ).toBe(true)
    expect(formatPlaceholders(hits)).toMatch(/placeholders: \d+ left in \d+ files\n$/)
  })

  it('finds none once each is replaced', () => {
    expect(formatPlaceholders(findPlaceholders(filledIn()))).toBe('placeholders: none left\n')
  })
})
