import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A small real file system that fills up: a full disk for tests, with no fault injection. */
export interface Tmpfs {
  readonly path: string
  /**
   * Writes a ballast file that leaves about `freeBytes` free, and returns its path: delete it to
   * give the space back.
   */
  fill(freeBytes: number): string
  unmount(): void
}

/** Linux, root and a `mount` command: where mountTmpfs may work (a container may still say no). */
export function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Mounts a tmpfs of `size` (mount's syntax: `1m`, `512k`) at `path`, creating the folder, or
 * returns undefined where the kernel refuses (a container without CAP_SYS_ADMIN): tests skip then.
 */
export function mountTmpfs(path: string, size: string): Tmpfs | undefined {
  if (!canMountTmpfs()) return undefined
  mkdirSync(path, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  return {
    path,
    fill(freeBytes) {
      const ballast = join(path, 'ballast')
      rmSync(ballast, { force: true })
      const { bavail, bsize } = statfsSync(path)
      writeFileSync(ballast, Buffer.alloc(Math.max(0, bavail * bsize - freeBytes)))
      return ballast
    },
    unmount() {
      execFileSync('umount', ['--lazy', path]) // lazy: a test that failed may still hold a file open
    },
  }
}
