import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { copyK8s } from '../../test/k8s-copy.ts'
import { k8sRoot } from '../repo.ts'
import { lint, RULES } from './index.ts'

interface Fixture {
  env?: string
  file: string
  find?: string
  replace?: string
  content?: string
  expect: string
}

const fixtures = join(import.meta.dirname, '../../test/fixtures')
const load = (rule: string) =>
  parse(readFileSync(join(fixtures, `${rule}.yaml`), 'utf8')) as Fixture

/** The repo's k8s/ with exactly the one change the fixture describes. */
function breakTree(fixture: Fixture): string {
  const root = copyK8s()
  const path = join(root, fixture.file)
  if (fixture.content !== undefined) {
    writeFileSync(path, fixture.content)
    return root
  }
  const text = readFileSync(path, 'utf8')
  expect(
    text.split(fixture.find!).length - 1,
    `"${fixture.find}" occurs once in ${fixture.file}`,
  ).toBe(1)
  writeFileSync(path, text.replace(fixture.find!, fixture.replace!))
  return root
}

describe('pnpm k8s lint', () => {
  it('passes on the repository', async () => {
    expect(await lint(k8sRoot())).toEqual([])
  })

  it('has a fixture for every rule (and for YAML syntax)', () => {
    const names = readdirSync(fixtures).map((f) => f.replace(/\.yaml$/, ''))
    expect(names.sort()).toEqual([...RULES.map((r) => r.id), 'yaml'].sort())
  })

  it("draining: a Service's deregistration delay is the plan's, which the target groups use", async () => {
    const root = breakTree({
      file: 'stg/ad-api.yaml',
      find: "alb-deregistration-delay-seconds: '20'",
      replace: "alb-deregistration-delay-seconds: '15'",
      expect: '',
    })
    const findings = await lint(root, 'stg')
    expect(findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'draining',
        'stg/ad-api.yaml',
        'its Service says the ALB deregistration delay is 15s, the plan 20s',
      ],
    ])
  })

  it('draining: the grace period leaves the fluentd sidecar time to upload after the app', async () => {
    const root = breakTree({
      file: 'prd/ad-api.yaml',
      find: 'terminationGracePeriodSeconds: 60',
      replace: 'terminationGracePeriodSeconds: 45',
      expect: '',
    })
    const messages = (await lint(root, 'prd')).map((f) => f.message)
    expect(messages).toEqual([
      "the app's 40s + fluentd's preStop 3s and upload 15s need 58s, more than the grace period 45s",
    ])
  })

  it('draining: the fluentd sidecar waits for in_tail before it flushes', async () => {
    const root = breakTree({
      file: 'dev/console-api.yaml',
      find: '              sleep:\n                seconds: 3\n',
      replace: '              sleep:\n                seconds: 1\n',
      expect: '',
    })
    const messages = (await lint(root, 'dev')).map((f) => f.message)
    expect(messages).toEqual([
      "fluentd sidecar: preStop sleep 1s, less than the 3s in_tail needs to read the app's last files",
    ])
  })

  it('image-tag: an environment runs its own <env>-<sha> tags, promoted by retagging the digest', async () => {
    const root = breakTree({
      file: 'prd/console.yaml',
      find: 'hexad/console:prd-0541305',
      replace: 'hexad/console:stg-0541305',
      expect: '',
    })
    const findings = await lint(root, 'prd')
    expect(findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'image-tag',
        'prd/console.yaml',
        'container console: tag stg-0541305 is not a prd tag (prd-<git sha>)',
      ],
    ])
  })

  for (const rule of [...RULES.map((r) => r.id), 'yaml']) {
    it(`${rule}: a fixture with one violation gives exactly that finding`, async () => {
      const fixture = load(rule)
      const findings = await lint(breakTree(fixture), fixture.env)
      expect(findings).toHaveLength(1)
      expect(findings[0]).toMatchObject({ rule, file: fixture.file })
      expect(findings[0]!.message).toMatch(new RegExp(fixture.expect))
      expect(findings[0]!.hint).not.toBe('')
    })
  }
})
