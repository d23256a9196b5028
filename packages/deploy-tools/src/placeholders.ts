import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * The values committed as stand-ins that a team replaces before its first deploy
 * (k8s/README.md, "Before the first deploy"): `pnpm k8s placeholders` finds every one left in
 * k8s/ and infra/config/. The AWS values among them come from stack outputs
 * (infra/README.md, "What fills the placeholders of k8s/").
 */
export interface PlaceholderKind {
  name: string
  pattern: RegExp
  /** What replaces it, in a few words. */
  fill: string
}

export const PLACEHOLDER_KINDS: readonly PlaceholderKind[] = [
  {
    name: 'AWS account id',
    pattern: /\b123456789012\b/,
    fill: 'your account (infra/config/*.json `account`; k8s/: output EcrRegistry, the role and key ARNs)',
  },
  {
    name: 'host',
    pattern: /\bhexad\.example\.com\b/,
    fill: 'your domain (infra/config/<env>.json `hosts`; k8s/<env>/config.yaml the ads origin)',
  },
  {
    name: 'EFS file system id',
    pattern: /\bfs-0123456789abcdef0\b/,
    fill: 'hexad-cluster output EfsFileSystemId',
  },
  {
    name: 'sealed secret not wrapped by KMS',
    // base64 of kubesec's placeholder key line: "PLACEHOLDER: not wrapped by KMS; …"
    pattern: /UExBQ0VIT0xERVI6IG5vdCB3cmFwcGVkIGJ5IEtNUzsg/,
    fill: 'the real values, sealed with kubesec encrypt --key=<the KubesecKeyArn output> (k8s/README.md, "Secrets")',
  },
  {
    name: 'kubesec checksum',
    pattern: /KUBESEC_SHA256: PLACEHOLDER-/,
    fill: 'the sha256 the first CodeBuild run prints after checking the PGP signature',
  },
  {
    name: 'id of another service',
    pattern: /00000000-0000-4000-8000-0000000000\d\d/,
    fill: 'CircleCI organization/project ids, the CodeConnections and ACM certificate ARNs (infra/README.md)',
  },
  {
    name: 'GitHub owner',
    pattern: /"owner": "hexad-example"/,
    fill: 'the owner of your repository (infra/config/shared.json `repository`)',
  },
]

/** Where the placeholders live, relative to the repository root. */
export const PLACEHOLDER_FOLDERS = ['k8s', 'infra/config']

export interface PlaceholderHit {
  /** Relative to the repository root, with forward slashes. */
  file: string
  line: number
  kind: PlaceholderKind
}

export function findPlaceholders(root: string): PlaceholderHit[] {
  const hits: PlaceholderHit[] = []
  for (const folder of PLACEHOLDER_FOLDERS) {
    const dir = join(root, folder)
    let entries: string[]
    try {
      entries = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    } catch {
      continue
    }
    for (const entry of entries.filter((e) => /\.(ya?ml|json)$/.test(e)).sort()) {
      const path = join(dir, entry)
      const file = relative(root, path).split(sep).join('/')
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, index) => {
          for (const kind of PLACEHOLDER_KINDS)
            if (kind.pattern.test(text)) hits.push({ file, line: index + 1, kind })
        })
    }
  }
  return hits
}

/** One line per hit, then a count per kind with what fills it. */
export function formatPlaceholders(hits: PlaceholderHit[]): string {
  if (hits.length === 0) return 'placeholders: none left\n'
  const lines = hits.map((h) => `${h.file}:${h.line}  ${h.kind.name}\n`)
  const kinds = PLACEHOLDER_KINDS.map((kind) => ({
    kind,
    count: hits.filter((h) => h.kind === kind).length,
  })).filter((k) => k.count > 0)
  return [
    ...lines,
    '\n',
    ...kinds.map(({ kind, count }) => `${String(count).padStart(4)}  ${kind.name}: ${kind.fill}\n`),
    `placeholders: ${hits.length} left in ${new Set(hits.map((h) => h.file)).size} files\n`,
  ].join('')
}
