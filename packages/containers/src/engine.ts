import type { App } from '@hexad/deploy-tools/plan'
import { succeeds } from './exec.ts'

/** The tool that builds images on this machine. */
export type Engine = 'docker' | 'podman' | 'buildah'

/**
 * Docker when a daemon answers (a `docker` client alone is not enough), else podman, else buildah.
 * HEXAD_IMAGE_ENGINE forces one.
 */
export function detectEngine(env = process.env): Engine {
  const forced = env.HEXAD_IMAGE_ENGINE
  if (forced === 'docker' || forced === 'podman' || forced === 'buildah') return forced
  if (forced) throw new Error(`HEXAD_IMAGE_ENGINE: must be docker, podman or buildah`)
  if (succeeds('docker', ['info'])) return 'docker'
  if (succeeds('podman', ['--version'])) return 'podman'
  if (succeeds('buildah', ['--version'])) return 'buildah'
  throw new Error('no image builder: start a Docker daemon, or install podman or buildah')
}

export interface BuildOptions {
  /** Full image reference to tag the result with. */
  ref: string
  /** Use only base images already on this machine (containers:verify, offline machines). */
  pullNever?: boolean
}

/**
 * The build command for one app. podman and buildah use chroot isolation, which needs no user
 * namespaces, so builds also work inside CI containers; BuildKit (docker) does its own isolation.
 */
export function buildCommand(engine: Engine, app: App, options: BuildOptions): string[] {
  const common = [
    '--file',
    app.dockerfile,
    '--build-arg',
    `APP=${app.name}`,
    '--build-arg',
    `APP_DIR=${app.source}`,
    '--tag',
    options.ref,
  ]
  if (engine === 'docker') return ['docker', 'build', ...common, '.']
  const pull = options.pullNever ? ['--pull=never'] : []
  return [engine, 'build', '--isolation=chroot', ...pull, ...common, '.']
}
