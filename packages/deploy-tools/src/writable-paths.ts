import { APPS, FLUENTD_STATE_DIR, type AppKind } from './plan.ts'

/**
 * Where each image writes, in one place: a container that runs it with a read-only root
 * filesystem must mount a writable volume at (or above) each of these paths, or it fails the
 * first time it writes there. Images are matched by repository path (`runsRepository`), so the
 * registry and tag don't matter.
 */
export interface WritablePaths {
  repository: string
  paths: readonly string[]
  /** Variables naming a folder the program writes to when the container sets them. */
  pathVariables?: readonly string[]
  /** Where the list comes from: the Dockerfile, the chart, the release manifest. */
  source: string
}

/** hexad's own images, by the kind of app (docker/README.md). */
const BY_KIND: Record<AppKind, Omit<WritablePaths, 'repository'>> = {
  'node-service': {
    // os.tmpdir(); a service writes its analytics files under ANALYTICS_LOG_DIR (the EFS claim),
    // a one-off command in the same image (create-user) sets none and writes none.
    paths: ['/tmp'],
    pathVariables: ['ANALYTICS_LOG_DIR'],
    source: 'docker/node-service.Dockerfile, @hexad/analytics-log',
  },
  job: { paths: ['/tmp'], source: 'docker/node-service.Dockerfile' },
  // pid, temp files and the runtime config the entrypoint writes (docker/web/nginx.conf).
  web: { paths: ['/tmp'], source: 'docker/web.Dockerfile' },
  // pos files and buffer chunks (fluent.conf), and Ruby's tmpdir.
  sidecar: { paths: [FLUENTD_STATE_DIR, '/tmp'], source: 'docker/fluentd/fluent.conf' },
}

export const WRITABLE_PATHS: readonly WritablePaths[] = [
  ...APPS.map((app) => ({ repository: app.repository, ...BY_KIND[app.kind] })),
  {
    // The minikube router (k8s/local/router.yaml): its nginx.conf puts pid and temp files there.
    repository: 'nginx',
    paths: ['/tmp'],
    source: 'k8s/local/router.yaml nginx.conf',
  },
  {
    repository: 'mysql',
    paths: ['/var/lib/mysql', '/var/run/mysqld', '/tmp'],
    source: 'the official mysql image: datadir, socket and pid, tmpdir',
  },
  {
    repository: 'datadoghq/cluster-agent',
    paths: ['/etc/datadog-agent', '/opt/datadog-agent/run', '/var/log/datadog', '/tmp'],
    source: 'the Datadog chart 3.110.0, cluster-agent-deployment.yaml (its emptyDirs)',
  },
  {
    repository: 'kubeshop/botkube',
    // Plugin binaries (plugins.cacheDir) and kubectl's discovery cache ($HOME is /).
    paths: ['/tmp', '/.kube/cache'],
    source: 'the botkube chart v1.14.0, deployment.yaml (its emptyDirs)',
  },
  {
    repository: 'metrics-server/metrics-server',
    // --cert-dir=/tmp: its self-signed serving certificate.
    paths: ['/tmp'],
    source: 'metrics-server v0.8.1 manifests/base/deployment.yaml',
  },
]
