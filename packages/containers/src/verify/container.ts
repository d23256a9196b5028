import { capture, run } from '../exec.ts'

// podman in this kind of machine (no systemd, nested in a VM or container) needs runc and explicit
// limits: the defaults it would apply are above what the outer sandbox allows.
const RUN_FLAGS = [
  '--runtime',
  'runc',
  '--ulimit',
  'nofile=1024:1024',
  '--ulimit',
  'nproc=1024:1024',
]

export interface RunOptions {
  image: string
  name: string
  env: Record<string, string>
  /** Replaces the image's CMD. */
  command?: string[]
  /** Replaces the image's ENTRYPOINT (a pod's `command`). */
  entrypoint?: string
  /** The pod's runAsUser:runAsGroup, for images whose own USER is root. */
  user?: string
  /** `host-path:container-path:ro`, as a pod mounts a ConfigMap. */
  volumes?: string[]
}

/** The `podman run` flags of a container run the way the pods run it. */
function podFlags(options: RunOptions): string[] {
  return [
    ...RUN_FLAGS,
    '--read-only',
    '--cap-drop=all',
    '--security-opt=no-new-privileges',
    '--network=host',
    ...(options.user ? ['--user', options.user] : []),
    ...(options.entrypoint ? ['--entrypoint', options.entrypoint] : []),
    ...(options.volumes ?? []).flatMap((v) => ['--volume', v]),
    ...Object.entries(options.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
  ]
}

/**
 * Starts a container the way the pods run it: the image's own non-root user, a read-only root
 * filesystem with a tmpfs on /tmp (the pods' emptyDir), no added capabilities. Host networking
 * lets it reach the local MariaDB and be reached on the port it is given.
 */
export function startContainer(options: RunOptions): void {
  run('podman', [
    'run',
    '--detach',
    '--name',
    options.name,
    ...podFlags(options),
    options.image,
    ...(options.command ?? []),
  ])
}

/** Runs a container as a pod's one-off job does, to its end; returns its standard output. */
export function runToCompletion(options: RunOptions): string {
  return capture('podman', [
    'run',
    '--rm',
    '--name',
    options.name,
    ...podFlags(options),
    options.image,
    ...(options.command ?? []),
  ])
}

/** Sends the stop signal (SIGTERM, or the image's STOPSIGNAL), waits, returns the exit code. */
export function stopContainer(name: string, timeoutSeconds: number): number {
  run('podman', ['stop', '--time', String(timeoutSeconds), name])
  return Number(capture('podman', ['inspect', '--format', '{{.State.ExitCode}}', name]))
}

export function containerLogs(name: string): string {
  return capture('podman', ['logs', '--tail', '40', name])
}

export function removeContainer(name: string): void {
  capture('podman', ['rm', '--force', '--ignore', name])
}

export function imageConfig(image: string): { user: string; size: number } {
  const [user = '', size = '0'] = capture('podman', [
    'image',
    'inspect',
    '--format',
    '{{.Config.User}}|{{.Size}}',
    image,
  ]).split('|')
  return { user, size: Number(size) }
}

/** Mounts the image's filesystem read-only on the host for inspection (needs root). */
export function withImageMounted<T>(image: string, body: (rootfs: string) => T): T {
  const rootfs = capture('podman', ['image', 'mount', image])
  try {
    return body(rootfs)
  } finally {
    capture('podman', ['image', 'unmount', image])
  }
}

/** A TCP port nobody listens on right now (other builds share this machine's network). */
export { freePort } from '@hexad/test-support'
