import type { Manifest } from '../../manifests.ts'
import {
  LOCAL_HOSTS,
  LOCAL_ROUTER_PORT,
  localRouterOptions,
  ROUTER_CONFIG_KEY,
  ROUTER_FILE,
  routerConfig,
} from '../../router.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

/** The local ConfigMap keys that name the ads site's origin (the browser calls ad-api there). */
const ADS_ORIGIN_KEYS = ['AD_API_PUBLIC_BASE_URL', 'AD_TAG_AD_API_ORIGIN']

/**
 * minikube's router plays the ALB: its nginx.conf must be what the plan's SITES generate (the
 * same routes infra/ gives the listener), and the local settings must name its sites, not an
 * address of one machine (`minikube ip` differs between machines and drivers).
 */
export const routerRule: Rule = {
  id: 'router',
  description:
    "k8s/local's router config is generated from the plan's ALB routes, and local origins name its hosts",
  check(context) {
    const findings: Finding[] = []
    const local = inFolders(context, ['local'])
    if (local.length === 0) return findings
    const data = (m: Manifest | undefined) => m?.object.data as Record<string, string> | undefined
    const router = local.find(
      (m) =>
        m.file === ROUTER_FILE &&
        m.object.kind === 'ConfigMap' &&
        m.object.metadata.name === 'router',
    )
    if (!router)
      findings.push({
        file: ROUTER_FILE,
        object: 'ConfigMap/router',
        rule: 'router',
        message: 'no router ConfigMap: nothing plays the ALB on minikube',
        hint: 'pnpm k8s router',
      })
    else if (data(router)?.[ROUTER_CONFIG_KEY] !== routerConfig(localRouterOptions))
      findings.push(
        finding(
          router,
          'router',
          `${ROUTER_CONFIG_KEY} is not what the plan's SITES generate`,
          'pnpm k8s router (never edit the generated document)',
        ),
      )
    const origin = `http://${LOCAL_HOSTS.ads}:${LOCAL_ROUTER_PORT}`
    const config = local.find(
      (m) => m.object.kind === 'ConfigMap' && m.object.metadata.name === 'hexad-config',
    )
    for (const key of ADS_ORIGIN_KEYS) {
      const value = data(config)?.[key]
      if (config && value !== origin)
        findings.push(
          finding(
            config,
            'router',
            `${key} is ${value ?? 'unset'}, not the router's ads site ${origin}`,
            `${key}: ${origin}`,
          ),
        )
    }
    return findings
  },
}
