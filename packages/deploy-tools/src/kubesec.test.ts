import { createDecipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kubesecProblems, sealPlaceholder } from './kubesec.ts'

describe('kubesec format', () => {
  const dek = randomBytes(32)
  const text = sealPlaceholder({
    name: 's',
    namespace: 'n',
    values: { PASSWORD: 'hunter2' },
    kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:alias/test',
    dek,
  })
  const secret = parse(text) as { kind: string; data: Record<string, string> }

  it('seals values the way kubesec does: AES-256-GCM, key name as AAD, base64 padded to 48', () => {
    const [data, iv, tag] = secret.data.PASSWORD!.split('.').map((p) => Buffer.from(p, 'base64'))
    const decipher = createDecipheriv('aes-256-gcm', dek, iv!)
    decipher.setAAD(Buffer.from('PASSWORD'))
    decipher.setAuthTag(tag!)
    const plain = Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8')
    expect(plain).toHaveLength(48)
    expect(Buffer.from(plain.replace(/\0+$/, ''), 'base64').toString('utf8')).toBe('hunter2')
  })

  it('accepts its own output and rejects a plain Secret', () => {
    expect(kubesecProblems(text, secret)).toEqual([])
    const plain = { kind: 'Secret', data: { PASSWORD: 'aHVudGVyMg==' } }
    expect(kubesecProblems('kind: Secret\n', plain)).toEqual([
      'data.PASSWORD is not a kubesec value (<ciphertext>.<iv>.<tag>)',
      'no `# kubesec:v:3` footer line',
      'no `# kubesec:<pgp|aws|gcp>:<key>:<wrapped key>` footer line',
      'no valid `# kubesec:mac:` footer line',
    ])
  })
})
