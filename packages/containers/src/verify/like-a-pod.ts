import { HEALTH_PATHS } from '@hexad/deploy-tools/plan'
import {
  containerLogs,
  freePort,
  imageConfig,
  removeContainer,
  startContainer,
  stopContainer,
} from './container.ts'
import { waitForOk } from './http.ts'
import type { Report } from './report.ts'

/** Kubernetes checks runAsNonRoot by the image's numeric USER: a name would not do. */
export function checkNonRootUser(app: string, image: string, report: Report): void {
  const { user } = imageConfig(image)
  report.add(app, 'runs as a fixed non-root uid', /^[1-9]\d*(:\d+)?$/.test(user), `USER ${user}`)
}

export interface PodRun {
  app: string
  image: string
  /** Besides PORT and POD_NAME, which every pod has. */
  env: Record<string, string>
  /** How long it may take to answer its liveness path. */
  startupMs: number
  /** The report line for a clean exit on the stop signal. */
  stopCheck: string
}

/**
 * Runs the image as the pods do (see startContainer) on a free port, checks that it answers its
 * liveness path, lets `whileUp` check it at its base URL, then stops it with the stop signal and
 * checks the exit code. The container is removed whatever happens.
 */
export async function runLikeAPod(
  run: PodRun,
  report: Report,
  whileUp: (base: string) => Promise<void> = async () => {},
): Promise<void> {
  const name = `hexad-verify-${run.app}-${process.pid}`
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  removeContainer(name)
  try {
    startContainer({
      image: run.image,
      name,
      env: { PORT: String(port), POD_NAME: name, ...run.env },
    })
    const healthy = await waitForOk(`${base}${HEALTH_PATHS.liveness}`, run.startupMs)
    const check = `GET ${HEALTH_PATHS.liveness} is 200 (read-only rootfs, non-root)`
    report.add(run.app, check, healthy)
    if (healthy) await whileUp(base)
    else console.error(containerLogs(name))
    const code = stopContainer(name, 20)
    report.add(run.app, run.stopCheck, code === 0, `exit ${code}`)
  } finally {
    removeContainer(name)
  }
}
