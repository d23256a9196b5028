import { createCipheriv, randomBytes } from 'node:crypto'
import { stringify } from 'yaml'

/**
 * The file format of kubesec (github.com/shyiko/kubesec, v3): a Secret whose `data` values are
 * each `<ciphertext>.<iv>.<tag>` (base64, AES-256-GCM, the key name as additional data, the
 * base64 value padded with NULs to a multiple of 48 bytes so lengths leak nothing), followed by
 * a footer of comments: `# kubesec:v:3`, one line per key that wraps the data key
 * (`pgp:<fingerprint>:…`, `aws:<kms key arn>:…`, `gcp:<kms key>:…`), and `# kubesec:mac:…`.
 *
 * kubesec itself (a Go binary) is not installable from npm or Debian; `render` calls it through
 * KUBESEC_BIN. This module only checks the format, and can write a placeholder file in it (see
 * `sealPlaceholder`).
 */

const B64 = '[A-Za-z0-9+/]'
const VALUE = new RegExp(`^(${B64}+={0,2})\\.(${B64}{16})\\.(${B64}{22}==)$`)
// The MAC seals an empty plaintext: kubesec writes only `<iv>.<tag>` (some versions `.<iv>.<tag>`).
const MAC = new RegExp(`^(?:${B64}*={0,2}\\.)?${B64}{16}\\.${B64}{22}==$`)
const KEY_LINE = /^# kubesec:(pgp|aws|gcp):(.+):([A-Za-z0-9+/]+={0,2})$/
const PAD_TO = 48

export interface SecretLike {
  kind: string
  data?: Record<string, unknown>
  stringData?: unknown
}

/** Problems that make `text` (one Secret) not a kubesec-encrypted file; empty when it is one. */
export function kubesecProblems(text: string, secret: SecretLike): string[] {
  const problems: string[] = []
  if (secret.stringData !== undefined) problems.push('stringData is never encrypted by kubesec')
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    const match = typeof value === 'string' ? VALUE.exec(value) : null
    if (!match?.[1]) {
      problems.push(`data.${key} is not a kubesec value (<ciphertext>.<iv>.<tag>)`)
    } else if (Buffer.from(match[1], 'base64').length % PAD_TO !== 0) {
      problems.push(`data.${key} is not padded the way kubesec pads (multiple of ${PAD_TO} bytes)`)
    }
  }
  const footer = text.split('\n').filter((line) => line.startsWith('# kubesec:'))
  if (!footer.includes('# kubesec:v:3')) problems.push('no `# kubesec:v:3` footer line')
  if (!footer.some((line) => KEY_LINE.test(line)))
    problems.push('no `# kubesec:<pgp|aws|gcp>:<key>:<wrapped key>` footer line')
  const mac = footer.find((line) => line.startsWith('# kubesec:mac:'))
  if (!mac || !MAC.test(mac.slice('# kubesec:mac:'.length)))
    problems.push('no valid `# kubesec:mac:` footer line')
  return problems
}

function seal(
  dek: Buffer,
  plaintext: string,
  additionalData: Buffer,
): { data: Buffer; iv: Buffer; tag: Buffer } {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', dek, iv)
  cipher.setAAD(additionalData)
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return { data, iv, tag: cipher.getAuthTag() }
}

export interface PlaceholderOptions {
  name: string
  namespace: string
  labels?: Record<string, string>
  /** Plaintext values; stored base64-encoded in `data` before encryption, as kubesec does. */
  values: Record<string, string>
  /** The KMS key the real file is encrypted with, e.g. `arn:aws:kms:…:alias/hexad-dev`. */
  kmsKeyArn: string
  /** The data key; random unless a test passes one so it can decrypt what was written. */
  dek?: Buffer
}

/**
 * A Secret in kubesec's exact v3 layout (yaml.v2 sorts keys; footer after the body), encrypted
 * with a fresh data key. The wrapped-key line cannot be produced without KMS, so it carries
 * base64 of a plain-text notice instead: the file lints like a real one, and `kubesec decrypt`
 * refuses it until someone with the KMS key re-creates it (see k8s/README.md, "Secrets").
 */
export function sealPlaceholder(options: PlaceholderOptions): string {
  const dek = options.dek ?? randomBytes(32)
  const encoded = Object.fromEntries(
    Object.entries(options.values).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]),
  )
  const keys = Object.keys(encoded).sort()
  const macData = Buffer.from(keys.map((k) => k + encoded[k]).join('') + options.kmsKeyArn, 'utf8')
  const mac = seal(dek, '', macData)
  const data: Record<string, string> = {}
  for (const key of keys) {
    const value = encoded[key]!
    const padded = value + '\u0000'.repeat((PAD_TO - (value.length % PAD_TO)) % PAD_TO)
    const sealed = seal(dek, padded, Buffer.from(key, 'utf8'))
    data[key] = [sealed.data, sealed.iv, sealed.tag].map((b) => b.toString('base64')).join('.')
  }
  const body = stringify(
    {
      apiVersion: 'v1',
      data,
      kind: 'Secret',
      metadata: {
        ...(options.labels && { labels: options.labels }),
        name: options.name,
        namespace: options.namespace,
      },
      type: 'Opaque',
    },
    { lineWidth: 0 },
  )
  const notice = Buffer.from('PLACEHOLDER: not wrapped by KMS; re-create with kubesec').toString(
    'base64',
  )
  return (
    body +
    '# kubesec:v:3\n' +
    `# kubesec:aws:${options.kmsKeyArn}:${notice}\n` +
    `# kubesec:mac:${mac.iv.toString('base64')}.${mac.tag.toString('base64')}\n`
  )
}
