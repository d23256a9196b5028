import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { copyK8s } from '../test/k8s-copy.ts'
import { loadTree } from './manifests.ts'
import { render } from './render.ts'

describe('render', () => {
  it('prints every object of the environment once, secrets through KUBESEC_BIN', () => {
    const root = copyK8s()
    // A stand-in for `kubesec decrypt <file>`: prints the file without its kubesec footer.
    const fake = join(root, '..', 'fake-kubesec')
    writeFileSync(fake, '#!/bin/sh\n[ "$1" = decrypt ] || exit 2\ngrep -v "^# kubesec:" "$2"\n')
    chmodSync(fake, 0o755)

    for (const env of ['dev', 'stg', 'prd']) {
      const output = render(root, env, fake)
      expect(output).not.toContain('# kubesec:')
      const rendered = parseAllDocuments(output).map((doc) => doc.toJS() as unknown)
      expect(rendered).toEqual(loadTree(root, [env]).manifests.map((m) => m.object))
    }
  })

  it('fails when kubesec fails', () => {
    expect(() => render(copyK8s(), 'dev', '/bin/false')).toThrow()
  })
})
