import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTree } from '@hexad/deploy-tools'
import { describe, expect, it } from 'vitest'
import { S3_PREFIX as ANALYTICS_PREFIX } from '@hexad/contracts/analytics'
import {
  ALB_DEREGISTRATION_ANNOTATION,
  ALB_DEREGISTRATION_DELAY_SECONDS,
  ENVIRONMENTS,
  HEALTH_PATHS,
  SERVED_APPS,
  kubesecAlias,
  nodePortOf,
  serviceAccountRoleName,
} from '@hexad/deploy-tools/plan'
import { committedConfig } from './testing/synthesized.ts'

// What infra/ takes from the delivery plan (@hexad/deploy-tools/plan) must be what the manifests
// say: read them as deploy-tools does.
const root = join(import.meta.dirname, '..', '..')
const tree = loadTree(join(root, 'k8s'), ['cluster', ...ENVIRONMENTS])

interface Container {
  name: string
  readinessProbe?: { httpGet?: { path?: string } }
  livenessProbe?: { httpGet?: { path?: string } }
  lifecycle?: { preStop?: { sleep?: { seconds?: number } } }
}
interface PodSpec {
  containers: Container[]
  terminationGracePeriodSeconds?: number
}

function objects(folder: string, kind: string) {
  return tree.manifests
    .filter((m) => m.folder === folder && m.object.kind === kind)
    .map((m) => m.object)
}

describe('the deployment plan infra/ uses agrees with k8s/', () => {
  it('reads every manifest without a problem', () => {
    expect(tree.problems).toEqual([])
  })

  for (const env of ENVIRONMENTS) {
    describe(env, () => {
      it('exposes each app on the NodePort the target groups use, with the draining delay they use', () => {
        const services = objects(env, 'Service')
        for (const app of SERVED_APPS) {
          const service = services.find((s) => s.metadata.name === app)
          const ports = (service?.spec as { ports: { nodePort: number }[] }).ports
          expect(
            ports.map((p) => p.nodePort),
            app,
          ).toEqual([nodePortOf(env, app)])
          expect(service?.metadata.annotations?.[ALB_DEREGISTRATION_ANNOTATION], app).toBe(
            String(ALB_DEREGISTRATION_DELAY_SECONDS),
          )
        }
      })

      it('probes each app on the paths the health checks use, and drains in the order the ALB needs', () => {
        for (const app of SERVED_APPS) {
          const deployment = objects(env, 'Deployment').find((d) => d.metadata.name === app)
          const pod = (deployment?.spec as { template: { spec: PodSpec } }).template.spec
          const container = pod.containers.find((c) => c.name === app)
          expect(container?.readinessProbe?.httpGet?.path, app).toBe(HEALTH_PATHS.readiness)
          expect(container?.livenessProbe?.httpGet?.path, app).toBe(HEALTH_PATHS.liveness)
          // The target group stops sending before the pod stops serving, within its grace.
          const preStop = container?.lifecycle?.preStop?.sleep?.seconds ?? 0
          expect(preStop, app).toBeGreaterThan(ALB_DEREGISTRATION_DELAY_SECONDS)
          expect(pod.terminationGracePeriodSeconds ?? 30, app).toBeGreaterThan(preStop)
        }
      })

      it('annotates each ServiceAccount with the role the stack names', () => {
        for (const account of objects(env, 'ServiceAccount')) {
          const arn = account.metadata.annotations?.['eks.amazonaws.com/role-arn'] ?? ''
          expect(arn.split(':role/')[1]).toBe(serviceAccountRoleName(env, account.metadata.name))
        }
      })

      it('reads analytics under the prefix the roles grant', () => {
        const config = objects(env, 'ConfigMap').find((c) => c.metadata.name === 'hexad-config')
        expect((config?.data as Record<string, string>).ANALYTICS_S3_PREFIX).toBe(ANALYTICS_PREFIX)
      })

      it('seals its secrets with the key alias the stack creates', () => {
        const secrets = tree.files.filter((f) => f.folder === env && f.file.endsWith('.enc.yaml'))
        expect(secrets.length).toBeGreaterThan(0)
        for (const { text } of secrets) expect(text).toContain(`:${kubesecAlias(env)}:`)
      })
    })
  }

  it('has fluentd write under the prefix the analytics-shipper role may put to', () => {
    const conf = readFileSync(join(root, 'docker', 'fluentd', 'fluent.conf'), 'utf8')
    expect(conf).toMatch(new RegExp(`^\\s*path ${ANALYTICS_PREFIX}\\$\\{tag\\[1\\]\\}/`, 'm'))
  })

  it('has migrate-data use the prefix the migration roles and lifecycle rule cover', () => {
    const { prefix } = committedConfig().shared.migration
    for (const env of ['stg', 'prd']) {
      const config = objects(env, 'ConfigMap').find(
        (c) => c.metadata.name === 'migrate-data-config',
      )
      expect((config?.data as Record<string, string>).MIGRATE_S3_PREFIX, env).toBe(prefix)
    }
  })

  it('gives migrate-data a database role where a migrate-data CronJob runs', () => {
    const { environments } = committedConfig()
    for (const env of ENVIRONMENTS) {
      const runs = objects(env, 'CronJob').some((c) => c.metadata.name === 'migrate-data')
      expect(environments[env].database.migration !== 'none', env).toBe(runs)
    }
  })

  it('seals the cluster-wide secrets with the cluster key alias', () => {
    const secrets = tree.files.filter((f) => f.folder === 'cluster' && f.file.endsWith('.enc.yaml'))
    expect(secrets.length).toBeGreaterThan(0)
    for (const { text } of secrets) expect(text).toContain(`:${kubesecAlias('cluster')}:`)
  })
})
