import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from './repo.ts'

// k8s/buildspec.yml is what CodeBuild runs on every push to an environment branch: each phase
// must stop at the first failure, and every download must be checked before it runs.

interface Buildspec {
  version: number
  env: { shell: string; variables: Record<string, string> }
  phases: Record<string, { commands: string[] }>
}

const root = repoRoot()
const spec = parse(readFileSync(join(root, 'k8s/buildspec.yml'), 'utf8')) as Buildspec
const vars = spec.env.variables

/** Fake tools on PATH: each logs its arguments, then runs its body. */
function fakeTools(tools: Record<string, string>): { path: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hexad-buildspec-'))
  const log = join(dir, 'calls.log')
  for (const [name, body] of Object.entries(tools)) {
    const file = join(dir, name)
    writeFileSync(file, `#!/bin/bash\necho "${name} $*" >> "${log}"\n${body}\n`)
    chmodSync(file, 0o755)
  }
  return { path: `${dir}:${process.env.PATH}`, log }
}

function runPhase(phase: string, path: string, env: Record<string, string> = {}) {
  return spawnSync('bash', ['-c', spec.phases[phase]!.commands[0]!], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...vars, ENV: 'dev', EKS_CLUSTER: 'hexad', PATH: path, ...env },
  })
}

/** kubectl that succeeds, but for the Deployment named in FAIL_ROLLOUT / a failing `get`. */
const kubectl = `
case "$*" in
  "-n hexad-dev get deploy -o name") [ -n "$FAIL_GET" ] && exit 1; echo deployment.apps/console; echo deployment.apps/console-api ;;
  *"rollout status deployment.apps/$FAIL_ROLLOUT "*) [ -n "$FAIL_ROLLOUT" ] && exit 1 ;;
  diff*) exit 1 ;;
  apply\\ -f\\ /*) cp "$3" "$(dirname "$0")/applied.yaml" ;;
esac
exit 0`

// Each case starts bash and a dozen fake tools: slow on a busy machine (no timing asserted).
describe('k8s/buildspec.yml', { timeout: 60_000 }, () => {
  it('runs each phase as one bash script that stops at the first failure', () => {
    expect(spec.version).toBe(0.2)
    expect(spec.env.shell).toBe('bash')
    for (const [name, phase] of Object.entries(spec.phases)) {
      expect(phase.commands, name).toHaveLength(1)
      const script = phase.commands[0]!
      expect(script.split('\n')[0], name).toBe('set -euo pipefail')
      // A failing command substitution in a for list only empties the loop.
      expect(script, name).not.toMatch(/for \w+ in \$\(/)
      expect(spawnSync('bash', ['-n', '-c', script]).status, `${name} parses`).toBe(0)
    }
  })

  it('applies the rendered stream and waits for every rollout', () => {
    const tools = fakeTools({ kubectl, kubesec: 'cat "$2"' })
    const result = runPhase('build', tools.path)
    expect(result.status, result.stderr).toBe(0)
    const calls = readFileSync(tools.log, 'utf8')
    expect(calls).toMatch(/^kubectl apply --dry-run=server -f k8s\/dev\/ad-api\.yaml/m)
    expect(calls).not.toMatch(/--dry-run=server.*secrets\.enc\.yaml/)
    expect(calls).toContain('kubesec decrypt k8s/dev/secrets.enc.yaml')
    expect(calls).toContain('rollout status deployment.apps/console --timeout=300s')
    expect(calls).toContain('rollout status deployment.apps/console-api --timeout=300s')
    const applied = readFileSync(join(tools.path.split(':')[0]!, 'applied.yaml'), 'utf8')
    expect(applied).toContain('name: hexad-secrets')
    expect(applied.split('\n---\n').length).toBeGreaterThan(5)
  })

  it('fails when one rollout fails, or when the Deployments cannot be listed', () => {
    const tools = fakeTools({ kubectl, kubesec: 'cat "$2"' })
    const rollout = runPhase('build', tools.path, { FAIL_ROLLOUT: 'console' })
    expect(rollout.status).not.toBe(0)
    expect(readFileSync(tools.log, 'utf8')).not.toContain('deployment.apps/console-api --timeout')
    const listing = runPhase('build', fakeTools({ kubectl, kubesec: 'cat "$2"' }).path, {
      FAIL_GET: '1',
    })
    expect(listing.status).not.toBe(0)
  })

  it('pins kubectl by sha256 and checks it before anything runs it', () => {
    expect(vars.KUBECTL_SHA256).toMatch(/^[0-9a-f]{64}$/)
    // curl writes a binary that is not the pinned one.
    const tools = fakeTools({ curl: 'echo tampered > "$2"', aws: 'exit 0' })
    const result = runPhase('install', tools.path)
    expect(result.status).not.toBe(0)
    expect(result.stderr + result.stdout).toMatch(/FAILED/)
    expect(readFileSync(tools.log, 'utf8')).not.toMatch(/^aws /m)
  })

  it("checks kubesec's PGP signature, then its pinned sha256 (printing it while unpinned)", () => {
    expect(vars.KUBESEC_PGP_FINGERPRINT).toMatch(/^[0-9A-F]{40}$/)
    expect(vars.KUBESEC_SHA256).toMatch(/^(?:[0-9a-f]{64}|PLACEHOLDER-.*)$/)
    const content = 'a fake binary\n'
    const sha = createHash('sha256').update(content).digest('hex')
    const signedBy = (fingerprint: string) =>
      fakeTools({
        // -fsSLo <file> <url>: a download; the key from keybase goes to the fake gpg.
        curl: `if [ "$1" = "-fsSLo" ]; then echo 'a fake binary' > "$2"; fi`,
        gpg: `case "$*" in *--verify*) echo "[GNUPG:] VALIDSIG AAAA 2018-08-10 0 0 4 0 1 8 00 ${fingerprint}" ;; esac`,
        aws: 'exit 0',
      })
    const forged = runPhase('install', signedBy('0'.repeat(40)).path, { KUBECTL_SHA256: sha })
    expect(forged.status).not.toBe(0)
    expect(forged.stdout).toContain('no valid signature')
    const unpinned = runPhase('install', signedBy(vars.KUBESEC_PGP_FINGERPRINT!).path, {
      KUBECTL_SHA256: sha,
      KUBESEC_SHA256: 'PLACEHOLDER-x',
    })
    expect(unpinned.status).not.toBe(0)
    expect(unpinned.stdout).toContain(`signature good; its sha256 is ${sha}`)
  })
})
