import { createHash } from 'node:crypto'

/**
 * The cluster add-ons of k8s/cluster/: third-party software installed from its own pinned chart
 * or release manifests, committed as the render (`pnpm k8s render-addon <name>` writes it; lint's
 * `addons` rule finds a render that no longer matches its values or pin). Each folder holds the
 * render, the values it was made from (helm) and a README saying what differs from a default
 * render and why.
 */
export interface HelmSource {
  tool: 'helm'
  /** `helm repo add <repoName> <repository>` */
  repoName: string
  repository: string
  chart: string
  version: string
  release: string
  /** Where the chart's source lives at that version (what the render was checked against). */
  source: string
}

export interface KustomizeSource {
  tool: 'kustomize'
  /** A kustomization `kubectl kustomize` builds as it is, e.g. a git URL with `?ref=<tag>`. */
  url: string
  version: string
  source: string
}

export interface Addon {
  name: string
  namespace: string
  /** The render, under k8s/cluster/<name>/. */
  output: string
  render: HelmSource | KustomizeSource
}

/** The Kubernetes version the renders are made for (infra/config/shared.json `kubernetesVersion`). */
export const KUBE_VERSION = '1.32'

/** helm values beside a render (`k8s/cluster/<name>/values.yaml`): input, never applied. */
export const VALUES_FILE = 'values.yaml'

export const ADDONS: readonly Addon[] = [
  {
    name: 'botkube',
    namespace: 'botkube',
    output: 'botkube.yaml',
    render: {
      tool: 'helm',
      repoName: 'botkube',
      repository: 'https://charts.botkube.io',
      chart: 'botkube',
      version: 'v1.14.0',
      release: 'botkube',
      source: 'github.com/kubeshop/botkube, tag v1.14.0, helm/botkube',
    },
  },
  {
    name: 'datadog',
    namespace: 'datadog',
    output: 'datadog.yaml',
    render: {
      tool: 'helm',
      repoName: 'datadog',
      repository: 'https://helm.datadoghq.com',
      chart: 'datadog',
      version: '3.110.0',
      release: 'datadog',
      source: 'github.com/DataDog/helm-charts, tag datadog-3.110.0, charts/datadog',
    },
  },
  {
    name: 'metrics-server',
    namespace: 'kube-system',
    output: 'metrics-server.yaml',
    render: {
      tool: 'kustomize',
      url: 'https://github.com/kubernetes-sigs/metrics-server//manifests/overlays/release?ref=v0.8.1',
      version: 'v0.8.1',
      source:
        'github.com/kubernetes-sigs/metrics-server, tag v0.8.1, manifests/overlays/release (the release components.yaml)',
    },
  },
]

/** Where an add-on's render is, relative to k8s/: `cluster/<name>/<output>`. */
export function renderPath(addon: Addon): string {
  return `cluster/${addon.name}/${addon.output}`
}

/** Whether a manifest file (relative to k8s/) is an add-on's render: third-party, as rendered. */
export function isAddonRender(file: string): boolean {
  return ADDONS.some((addon) => renderPath(addon) === file)
}

export function findAddon(name: string): Addon {
  const addon = ADDONS.find((a) => a.name === name)
  if (!addon)
    throw new Error(`unknown add-on ${name} (known: ${ADDONS.map((a) => a.name).join(', ')})`)
  return addon
}

/**
 * The tool and arguments that render an add-on. `from` replaces the chart reference or the
 * kustomization URL with a local copy of the same version (a checkout, an unpacked chart).
 */
export function renderCommand(addon: Addon, valuesPath: string, from?: string): string[] {
  const r = addon.render
  if (r.tool === 'kustomize') return ['kubectl', 'kustomize', from ?? r.url]
  return [
    'helm',
    'template',
    r.release,
    from ?? `${r.repoName}/${r.chart}`,
    ...(from ? [] : ['--version', r.version]),
    '--namespace',
    addon.namespace,
    '--kube-version',
    KUBE_VERSION,
    '-f',
    valuesPath,
  ]
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

const VALUES_LINE = '# values.yaml sha256: '

/** The comment block a render starts with: how it was made, from what. */
export function renderHeader(addon: Addon, values: string | undefined): string {
  const command = renderCommand(addon, VALUES_FILE).join(' ')
  return [
    `# Rendered by \`pnpm k8s render-addon ${addon.name}\`, never edited by hand (README.md beside it):`,
    `#   ${command}`,
    `# plus \`namespace: ${addon.namespace}\` on namespaced objects the ${addon.render.tool === 'helm' ? 'chart' : 'kustomization'} leaves without one.`,
    ...(values === undefined ? [] : [`${VALUES_LINE}${sha256(values)}`]),
    '',
  ].join('\n')
}

/** What the header of a committed render says about its inputs. */
export function headerFacts(text: string): { command?: string; valuesSha256?: string } {
  const lines = text.split('\n')
  const command = lines[1]?.startsWith('#   ') ? lines[1].slice(4) : undefined
  const values = lines.find((l) => l.startsWith(VALUES_LINE))?.slice(VALUES_LINE.length)
  return { command, valuesSha256: values }
}

/** Kinds that live outside any namespace (the add-ons' renders use no others). */
export const CLUSTER_SCOPED = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'Namespace',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
])
