import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTree } from './manifests.ts'
import { allContainers, envValue, podTemplate } from './pods.ts'
import { repoRoot } from './repo.ts'

// What the READMEs tell a person to type for minikube must work against k8s/local/ as it is.
const root = repoRoot()
const mysql = loadTree(join(root, 'k8s'), ['local']).manifests.find(
  (m) => m.object.kind === 'StatefulSet' && m.object.metadata.name === 'mysql',
)!
const container = allContainers(podTemplate(mysql.object)!.spec)[0]!
const [user, password, database] = ['MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE'].map((n) =>
  envValue(container, n),
)
const read = (file: string) => readFileSync(join(root, file), 'utf8')

describe("the docs' minikube MySQL", () => {
  it('k8s/README.md gives the apps the user local/mysql.yaml creates', () => {
    const urls = [...read('k8s/README.md').matchAll(/mysql:\/\/[^\s'"]*@mysql:3306\/\S*/g)]
    expect(urls.length).toBeGreaterThan(0)
    for (const [url] of urls) expect(url).toBe(`mysql://${user}:${password}@mysql:3306/${database}`)
  })

  it('README.md connects through the port-forward as that user', () => {
    const lines = read('README.md').split('\n')
    const forward = lines.findIndex((l) => l.includes('port-forward svc/mysql 3306:3306'))
    expect(forward).toBeGreaterThan(-1)
    expect(lines[forward + 1]).toContain(`mysql://${user}:${password}@127.0.0.1:3306/${database} `)
  })
})
