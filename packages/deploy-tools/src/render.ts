import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { listManifestFiles } from './manifests.ts'

/**
 * Everything applied to one environment as a single stream for `kubectl apply -f -`: the files
 * of k8s/<env>/ in name order, `*.enc.yaml` decrypted by kubesec (KUBESEC_BIN, default
 * `kubesec`), joined with `---`. k8s/buildspec.yml builds the same stream in the shell.
 */
export function render(
  root: string,
  env: string,
  kubesec: string = process.env.KUBESEC_BIN ?? 'kubesec',
): string {
  const files = listManifestFiles(root, [env])
  if (files.length === 0) throw new Error(`no manifests in ${join(root, env)}`)
  return files
    .map(({ file, text }) => {
      if (!file.endsWith('.enc.yaml')) return text
      return execFileSync(kubesec, ['decrypt', join(root, file)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    })
    .map((text) => text.trimEnd() + '\n')
    .join('---\n')
}
