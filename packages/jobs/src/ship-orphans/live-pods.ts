import { readFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'

// One GET of the Kubernetes API, by hand: @kubernetes/client-node would do it too, but importing
// it costs this job ~85 MiB of memory and 1.5 s for a single list call.

/** Where the kubelet mounts a pod's ServiceAccount token, cluster CA and namespace. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount'

export interface PodsApi {
  /** The API server's origin: https://host:port in a cluster. */
  url: string
  token: string
  /** The cluster CA (PEM) that signs the API server's certificate. */
  ca?: string
  namespace: string
}

/** Phases after which a pod never runs again (its containers are gone for good). */
const FINISHED = new Set(['Succeeded', 'Failed'])

interface PodList {
  items?: { metadata?: { name?: string }; status?: { phase?: string } }[]
  metadata?: { continue?: string }
}

/**
 * The names of the namespace's pods that may still be writing: every pod that exists and has not
 * finished (Pending, Running, Unknown). A folder of any other name has no writer left.
 */
export async function livePods(api: PodsApi): Promise<Set<string>> {
  const names = new Set<string>()
  let next: string | undefined = ''
  while (next !== undefined) {
    const query = new URLSearchParams({ limit: '500', ...(next ? { continue: next } : {}) })
    const list = (await getJson(
      `${api.url}/api/v1/namespaces/${encodeURIComponent(api.namespace)}/pods?${query}`,
      api,
    )) as PodList
    for (const pod of list.items ?? []) {
      const name = pod.metadata?.name
      if (name && !FINISHED.has(pod.status?.phase ?? '')) names.add(name)
    }
    next = list.metadata?.continue || undefined
  }
  return names
}

/** The API of the cluster this process runs in, from what the kubelet gives every pod. */
export async function inClusterApi(env: {
  KUBERNETES_SERVICE_HOST?: string | undefined
  KUBERNETES_SERVICE_PORT?: string | undefined
}): Promise<PodsApi> {
  const host = env.KUBERNETES_SERVICE_HOST ?? ''
  const read = (name: string) => readFile(join(SERVICE_ACCOUNT_DIR, name), 'utf8')
  let token: string, ca: string, namespace: string
  try {
    ;[token, ca, namespace] = await Promise.all([read('token'), read('ca.crt'), read('namespace')])
  } catch (err) {
    throw new Error(
      `no ServiceAccount token in ${SERVICE_ACCOUNT_DIR}: the job needs its own to list pods`,
      { cause: err },
    )
  }
  const origin = host.includes(':') ? `[${host}]` : host // an IPv6 service address
  return {
    url: `https://${origin}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`,
    token: token.trim(),
    ca,
    namespace: namespace.trim(),
  }
}

function getJson(url: string, api: PodsApi): Promise<unknown> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: { authorization: `Bearer ${api.token}`, accept: 'application/json' },
        ...(api.ca ? { ca: api.ca } : {}),
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode !== 200) {
            reject(
              new Error(
                `listing pods: the Kubernetes API answered ${res.statusCode}: ${body.slice(0, 200)}`,
              ),
            )
            return
          }
          try {
            resolve(JSON.parse(body))
          } catch (err) {
            reject(new Error('listing pods: the Kubernetes API answered no JSON', { cause: err }))
          }
        })
      },
    )
    req.on('timeout', () =>
      req.destroy(new Error('listing pods: the Kubernetes API did not answer in 15 s')),
    )
    req.on('error', reject)
    req.end()
  })
}
