import { kubesecProblems } from '../../kubesec.ts'
import { finding, type Finding, type Rule } from '../types.ts'

const HINT = 'kubesec encrypt -i --key=arn:aws:kms:…:alias/hexad-<env> <file> (see k8s/README.md)'

/** Secrets are committed only as kubesec files: one Secret per `*.enc.yaml`, encrypted. */
export const kubesecRule: Rule = {
  id: 'kubesec',
  description: 'every Secret is alone in a *.enc.yaml file, kubesec-encrypted (values, key, MAC)',
  check({ tree }) {
    const findings: Finding[] = []
    for (const file of tree.files) {
      const inFile = tree.manifests.filter((m) => m.file === file.file)
      const secrets = inFile.filter((m) => m.object.kind === 'Secret')
      if (!file.file.endsWith('.enc.yaml')) {
        for (const m of secrets)
          findings.push(
            finding(
              m,
              'kubesec',
              'Secret outside a *.enc.yaml file: its values would be committed in clear',
              HINT,
            ),
          )
        continue
      }
      if (secrets.length !== 1 || inFile.length !== 1) {
        findings.push({
          file: file.file,
          object: '-',
          rule: 'kubesec',
          message:
            'a *.enc.yaml file holds exactly one Secret (kubesec encrypts one object per file)',
          hint: 'split the file',
        })
        continue
      }
      for (const problem of kubesecProblems(file.text, secrets[0]!.object))
        findings.push(finding(secrets[0]!, 'kubesec', problem, HINT))
    }
    return findings
  },
}
