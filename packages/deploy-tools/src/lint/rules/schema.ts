import type { KubeObject, Manifest } from '../../manifests.ts'
import { validateSchema } from '../../schema.ts'
import { finding, type Rule } from '../types.ts'

/**
 * What the API server will receive: a kubesec file's values are ciphertext until CodeBuild
 * decrypts them, so they are checked as (empty) base64 here and by the kubesec rule there.
 */
function applied({ file, object }: Manifest): KubeObject {
  if (
    !file.endsWith('.enc.yaml') ||
    object.kind !== 'Secret' ||
    typeof object.data !== 'object' ||
    object.data === null
  )
    return object
  return { ...object, data: Object.fromEntries(Object.keys(object.data).map((key) => [key, ''])) }
}

export const schemaRule: Rule = {
  id: 'schema',
  description: 'every object matches the Kubernetes API schema, with no unknown field',
  async check({ tree }) {
    const findings = []
    for (const manifest of tree.manifests) {
      for (const problem of await validateSchema(applied(manifest))) {
        findings.push(
          finding(
            manifest,
            'schema',
            problem,
            'fix the field name or value (kubectl explain <kind>.<path>)',
          ),
        )
      }
    }
    return findings
  },
}
