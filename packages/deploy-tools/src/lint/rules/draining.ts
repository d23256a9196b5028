import {
  ALB_DEREGISTRATION_ANNOTATION,
  ALB_DEREGISTRATION_DELAY_SECONDS,
  FLUENTD_SHUTDOWN,
  findApp,
  requireApp,
} from '../../plan.ts'
import {
  appDeployments,
  envValue,
  isNativeSidecar,
  labelsMatch,
  runsRepository,
  type Container,
} from '../../pods.ts'
import { finding, inFolders, type Finding, type Rule } from '../types.ts'

function preStopSleep(container: Container): number | undefined {
  const preStop = container.lifecycle?.preStop
  if (preStop?.sleep) return preStop.sleep.seconds
  const command = preStop?.exec?.command
  if (command?.[0] === 'sleep' && command[1] !== undefined) return Number(command[1])
  return undefined
}

const msEnv = (c: Container, name: string, fallback: number) =>
  Number(envValue(c, name) ?? fallback)

const FLUENTD = requireApp('fluentd')

/**
 * ARCHITECTURE.md "Draining behind an ALB": ALB deregistration delay (the plan's, written on the
 * Service) < preStop sleep < terminationGracePeriodSeconds, and a Node service's own drain
 * (SHUTDOWN_DELAY_MS) and close (SHUTDOWN_TIMEOUT_MS) fit in what remains. A fluentd sidecar stops
 * after the app: its preStop sleep and upload time (the plan's FLUENTD_SHUTDOWN) come on top.
 */
export const drainingRule: Rule = {
  id: 'draining',
  description:
    "ALB deregistration delay (the plan's) < preStop sleep < grace period, and the app drain fits in the grace period",
  check(context) {
    const findings: Finding[] = []
    const manifests = inFolders(context, context.envs)
    for (const { manifest, template } of appDeployments(manifests, ['node-service', 'web'])) {
      const report = (message: string, hint: string) =>
        findings.push(finding(manifest, 'draining', message, hint))
      const grace = template.spec.terminationGracePeriodSeconds ?? 30
      const service = manifests.find(
        (m) =>
          m.object.kind === 'Service' &&
          m.folder === manifest.folder &&
          labelsMatch(
            (m.object.spec as { selector?: Record<string, string> }).selector,
            template.metadata?.labels,
          ),
      )
      const delayText = service?.object.metadata.annotations?.[ALB_DEREGISTRATION_ANNOTATION]
      const deregistration = delayText === undefined ? undefined : Number(delayText)
      if (deregistration === undefined || Number.isNaN(deregistration))
        report(
          `its Service has no ${ALB_DEREGISTRATION_ANNOTATION} annotation`,
          'write the target group deregistration delay on the Service',
        )
      else if (deregistration !== ALB_DEREGISTRATION_DELAY_SECONDS)
        report(
          `its Service says the ALB deregistration delay is ${deregistration}s, the plan ${ALB_DEREGISTRATION_DELAY_SECONDS}s`,
          `the target groups are set from the plan: ${ALB_DEREGISTRATION_ANNOTATION}: '${ALB_DEREGISTRATION_DELAY_SECONDS}'`,
        )
      for (const c of template.spec.containers.filter((c) => !isNativeSidecar(c))) {
        const sleep = preStopSleep(c)
        if (sleep === undefined) {
          report(`container ${c.name}: no preStop sleep`, 'lifecycle.preStop.sleep.seconds: 25')
          continue
        }
        if (deregistration !== undefined && !(deregistration < sleep))
          report(
            `container ${c.name}: preStop sleep ${sleep}s is not longer than the ALB deregistration delay ${deregistration}s`,
            'sleep longer than the deregistration delay',
          )
        if (!(sleep < grace))
          report(
            `container ${c.name}: preStop sleep ${sleep}s is not shorter than terminationGracePeriodSeconds ${grace}`,
            'raise terminationGracePeriodSeconds',
          )
        // service-kit's defaults apply when the variables are unset.
        if (findApp(manifest.object.metadata.name)?.kind === 'node-service') {
          const drain =
            (msEnv(c, 'SHUTDOWN_DELAY_MS', 5000) + msEnv(c, 'SHUTDOWN_TIMEOUT_MS', 10000)) / 1000
          if (sleep + drain >= grace)
            report(
              `container ${c.name}: preStop ${sleep}s + drain and close ${drain}s do not fit in ${grace}s`,
              'raise terminationGracePeriodSeconds or lower SHUTDOWN_*_MS',
            )
          const sidecar = (template.spec.initContainers ?? []).find(
            (s) => isNativeSidecar(s) && runsRepository(s, FLUENTD.repository),
          )
          if (sidecar) checkSidecarBudget(sidecar, sleep + drain, grace, report)
        }
      }
    }
    return findings
  },
}

/** The fluentd sidecar's shutdown, after the app's: preStop sleep, then its upload. */
function checkSidecarBudget(
  sidecar: Container,
  appSeconds: number,
  grace: number,
  report: (message: string, hint: string) => void,
): void {
  const { preStopSleepSeconds, uploadSeconds } = FLUENTD_SHUTDOWN
  const sleep = preStopSleep(sidecar) ?? 0
  if (sleep < preStopSleepSeconds)
    report(
      `fluentd sidecar: preStop sleep ${sleep}s, less than the ${preStopSleepSeconds}s in_tail needs to read the app's last files`,
      `lifecycle.preStop.sleep.seconds: ${preStopSleepSeconds}`,
    )
  const total = appSeconds + Math.max(sleep, preStopSleepSeconds) + uploadSeconds
  if (total > grace)
    report(
      `the app's ${appSeconds}s + fluentd's preStop ${Math.max(sleep, preStopSleepSeconds)}s and upload ${uploadSeconds}s need ${total}s, more than the grace period ${grace}s`,
      'raise terminationGracePeriodSeconds so the sidecar can upload after the app has closed',
    )
}
