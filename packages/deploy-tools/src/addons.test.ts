import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { copyK8s } from '../test/k8s-copy.ts'
import { ADDONS, findAddon, renderPath } from './addons.ts'
import { botkubeCommConfig } from './botkube-comm-config.ts'
import { lint } from './lint/index.ts'
import { loadTree, type KubeObject } from './manifests.ts'
import { allContainers, podTemplate, type Container } from './pods.ts'
import { renderAddon, withNamespace } from './render-addon.ts'
import { k8sRoot } from './repo.ts'

const cluster = loadTree(k8sRoot(), ['cluster'])
const objectsOf = (name: string): KubeObject[] =>
  cluster.manifests.filter((m) => m.file === renderPath(findAddon(name))).map((m) => m.object)
const find = (name: string, kind: string, objectName: string): KubeObject => {
  const object = objectsOf(name).find((o) => o.kind === kind && o.metadata.name === objectName)
  expect(object, `${kind}/${objectName}`).toBeDefined()
  return object!
}
const containerOf = (object: KubeObject, name: string): Container => {
  const container = allContainers(podTemplate(object)!.spec).find((c) => c.name === name)
  expect(container, name).toBeDefined()
  return container!
}

describe('render-addon', () => {
  it('writes the tool output byte for byte after its header, adding only missing namespaces', () => {
    const root = copyK8s()
    const output = [
      '---',
      '# Source: botkube/templates/serviceaccount.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      '  name: botkube-sa',
      '  labels:',
      '    app: "botkube"',
      '---',
      'kind: ClusterRole',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'metadata:',
      '  name: reader',
      '---',
      'kind: ConfigMap',
      'apiVersion: v1',
      'metadata: {name: elsewhere, namespace: other}',
      '',
    ].join('\n')
    const calls: string[][] = []
    const path = renderAddon(root, findAddon('botkube'), {
      from: '/charts/botkube',
      exec: (command, args) => {
        calls.push([command, ...args])
        return output
      },
    })
    expect(calls).toEqual([
      [
        'helm',
        'template',
        'botkube',
        '/charts/botkube',
        '--namespace',
        'botkube',
        '--kube-version',
        '1.32',
        '-f',
        'values.yaml',
      ],
    ])
    const written = readFileSync(path, 'utf8')
    const body = written.slice(written.indexOf('---'))
    expect(body).toBe(
      output.replace('  name: botkube-sa', '  name: botkube-sa\n  namespace: botkube'),
    )
    expect(written).toMatch(
      /^# Rendered by `pnpm k8s render-addon botkube`.*\n# {3}helm template botkube botkube\/botkube --version v1\.14\.0 /,
    )
  })

  it('refuses a render that is not YAML', () => {
    expect(() => withNamespace('a: [', 'x')).toThrow(/not YAML/)
  })

  it('lint finds values changed after the render', async () => {
    const root = copyK8s()
    const values = join(root, 'cluster/botkube/values.yaml')
    writeFileSync(
      values,
      readFileSync(values, 'utf8').replace('clusterName: hexad', 'clusterName: x'),
    )
    const findings = await lint(root, 'dev')
    expect(findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      ['addons', 'cluster/botkube/botkube.yaml', 'values.yaml changed since it was rendered'],
    ])
  })
})

describe('the committed renders', () => {
  it('tie every object of a helm render to the template it came from', () => {
    for (const addon of ADDONS.filter((a) => a.render.tool === 'helm')) {
      const text = cluster.files.find((f) => f.file === renderPath(addon))!.text
      const documents = text.split(/^---$/m).slice(1)
      expect(documents.length, addon.name).toBeGreaterThan(5)
      for (const doc of documents)
        expect(doc, addon.name).toMatch(
          new RegExp(`^# Source: ${addon.name}/(charts/[\\w-]+/)?templates/[\\w./-]+\\.yaml$`, 'm'),
        )
    }
  })

  it('botkube: plugin repositories, impersonation, Recreate, probes, its Secret and config maps', () => {
    const config = find('botkube', 'ConfigMap', 'botkube-global-config')
    const global = parse((config.data as Record<string, string>)['global_config.yaml']!) as {
      plugins: { repositories: Record<string, { url: string }> }
      executors: Record<string, Record<string, { enabled: boolean }>>
    }
    expect(global.plugins.repositories.botkube?.url).toBe(
      'https://github.com/kubeshop/botkube/releases/download/v1.14.0/plugins-index.yaml',
    )
    expect(global.executors['k8s-default-tools']?.['botkube/kubectl']?.enabled).toBe(true)
    const role = find('botkube', 'ClusterRole', 'botkube-clusterrole')
    expect(role.rules).toContainEqual({
      apiGroups: [''],
      resources: ['users', 'groups', 'serviceaccounts'],
      verbs: ['impersonate'],
    })
    const readOnly = find('botkube', 'ClusterRole', 'botkube-plugins-default')
    expect(readOnly.rules).toEqual([
      { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'watch', 'list'] },
    ])
    const deployment = find('botkube', 'Deployment', 'botkube')
    expect((deployment.spec as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' })
    const pod = podTemplate(deployment)!.spec
    const botkube = containerOf(deployment, 'botkube')
    expect(botkube.readinessProbe?.httpGet).toEqual({ path: '/healthz', port: 2114 })
    expect(botkube.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 2114 })
    const volumes = JSON.stringify(pod.volumes)
    for (const source of [
      '"serviceAccountToken":{"path":"default-sa-token","expirationSeconds":3600}',
      '"secret":{"name":"botkube-communication-secret"}',
      '"configMap":{"name":"botkube-runtime-config"}',
      '"configMap":{"name":"botkube-startup-config"}',
    ])
      expect(volumes).toContain(source)
    for (const name of ['botkube-runtime-config', 'botkube-startup-config', 'botkube-system'])
      find('botkube', 'ConfigMap', name)
  })

  it("botkube: the sealed Secret holds the comm_config.yaml the chart's Secret would", () => {
    const secret = cluster.manifests.find((m) => m.file === 'cluster/botkube/secrets.enc.yaml')
    expect(secret?.object.metadata.name).toBe('botkube-communication-secret')
    expect(Object.keys(secret?.object.data as object)).toEqual(['comm_config.yaml'])
    const values = readFileSync(join(k8sRoot(), 'cluster/botkube/values.yaml'), 'utf8')
    const comm = parse(botkubeCommConfig(values, { botToken: 'xoxb-1', appToken: 'xapp-2' }))
    expect(comm).toEqual({
      communications: {
        'default-group': {
          socketSlack: {
            enabled: true,
            channels: {
              default: {
                name: 'hexad-alerts',
                bindings: {
                  executors: ['k8s-default-tools'],
                  sources: ['k8s-err-events', 'k8s-recommendation-events'],
                },
              },
            },
            botToken: 'xoxb-1',
            appToken: 'xapp-2',
          },
        },
      },
    })
  })

  it('datadog: the images chart 3.110.0 picks for site ap1, and the cluster agent can write', () => {
    const images = objectsOf('datadog')
      .map((o) => podTemplate(o))
      .flatMap((t) => (t ? allContainers(t.spec).map((c) => c.image) : []))
    expect(new Set(images)).toEqual(
      new Set(['asia.gcr.io/datadoghq/agent:7.63.3', 'asia.gcr.io/datadoghq/cluster-agent:7.63.3']),
    )
    const agent = containerOf(
      find('datadog', 'Deployment', 'datadog-cluster-agent'),
      'cluster-agent',
    )
    expect(agent.securityContext?.readOnlyRootFilesystem).toBe(true)
    expect(agent.volumeMounts?.map((m) => m.mountPath)).toEqual(
      expect.arrayContaining([
        '/etc/datadog-agent',
        '/opt/datadog-agent/run',
        '/var/log/datadog',
        '/tmp',
      ]),
    )
  })

  it('metrics-server: the release manifest, registering the resource metrics API', () => {
    const api = find('metrics-server', 'APIService', 'v1beta1.metrics.k8s.io')
    expect(api.spec).toMatchObject({
      service: { name: 'metrics-server', namespace: 'kube-system' },
    })
    const server = containerOf(
      find('metrics-server', 'Deployment', 'metrics-server'),
      'metrics-server',
    )
    expect(server.image).toBe('registry.k8s.io/metrics-server/metrics-server:v0.8.1')
  })
})
