import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ENVIRONMENTS } from '@hexad/deploy-tools/plan'
import { placeholders, type Placeholder } from './placeholders.ts'
import { synthesized, type Synthesized } from './testing/synthesized.ts'

const k8s = join(import.meta.dirname, '..', '..', 'k8s')
const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')

function filesOf(placeholder: Pick<Placeholder, 'file'>): string[] {
  if (!placeholder.file.endsWith('/')) return [placeholder.file]
  return readdirSync(join(k8s, placeholder.file))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => placeholder.file + name)
}
function valuesIn(file: string, pattern: RegExp): string[] {
  return [...readFileSync(join(k8s, file), 'utf8').matchAll(pattern)].map((match) => match[1]!)
}

let app: Synthesized
let list: Placeholder[]
beforeAll(() => {
  app = synthesized()
  list = placeholders(app.config)
})

describe('the AWS values in k8s/', () => {
  it('are each found where the list says, and agree with the config where it decides them', () => {
    for (const placeholder of list) {
      const values = filesOf(placeholder).flatMap((file) => valuesIn(file, placeholder.pattern))
      expect(values.length, `${placeholder.file} ${placeholder.pattern}`).toBeGreaterThan(0)
      if (placeholder.expected !== undefined) {
        expect(new Set(values), `${placeholder.file} ${placeholder.output}`).toEqual(
          new Set([placeholder.expected]),
        )
      }
    }
  })

  it('are each filled by an output of the stacks', () => {
    for (const { stack, output } of list) {
      const outputs = app.templates[stack]!.toJSON().Outputs as Record<string, unknown>
      expect(Object.keys(outputs), stack).toContain(output)
    }
  })

  it('are all on the list: no line of k8s/ names the account, a file system or a host unlisted', () => {
    const { shared, environments } = app.config
    const hosts = ENVIRONMENTS.flatMap((env) => Object.values(environments[env].hosts))
    const markers = [shared.account, ...hosts].map((text) => (line: string) => line.includes(text))
    markers.push((line) => /\bfs-[0-9a-f]{8,}/.test(line))
    for (const folder of ['cluster', ...ENVIRONMENTS]) {
      for (const file of readdirSync(join(k8s, folder), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.yaml')) continue
        const path = `${folder}/${file}`
        const listed = list.filter((p) => filesOf(p).includes(path))
        for (const line of readFileSync(join(k8s, path), 'utf8').split('\n')) {
          if (line.trimStart().startsWith('#') && !line.startsWith('# kubesec:')) continue
          if (!markers.some((marker) => marker(line))) continue
          const covered = listed.some((p) =>
            new RegExp(p.pattern.source, p.pattern.flags.replace('g', '')).test(line),
          )
          expect(covered, `${path}: ${line.trim()}`).toBe(true)
        }
      }
    }
  })

  it('are all in the table of infra/README.md', () => {
    for (const { stack, output } of list) {
      const row = `\`${stack.replace(/^hexad-(dev|stg|prd)$/, 'hexad-<env>')}\` \`${output}\``
      expect(readme.includes(row), row).toBe(true)
    }
  })
})
