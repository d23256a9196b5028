import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { join } from 'node:path'
import { LOCK_FILE } from '@hexad/contracts/analytics'

// The name is the folder contract's (not `*.log`, so the shipper never tails it); exported here
// too for the users of this package who check the folder.
export { LOCK_FILE }

export interface LockHolder {
  pid: number
  host: string
  token: string
  startedAt: string
}

export class LockError extends Error {
  readonly holder: LockHolder | undefined
  constructor(message: string, holder?: LockHolder) {
    super(message)
    this.name = 'LockError'
    this.holder = holder
  }
}

// Two writers in one process would defeat the pid check below (the pid is the same), so the
// process keeps its own list.
const heldHere = new Set<string>()

export interface LockOptions {
  /** A lock not refreshed for this long is abandoned (its holder refreshes it every third of it). */
  staleMs: number
  host: string
  pid?: number
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The pod folder's lock: created with O_EXCL, holding pid, host and a random token. A lock is
 * stale (taken over) when its holder cannot be alive: same host and a dead pid, same host and our
 * own pid (a restarted container's PID 1), or not refreshed within `staleMs` (any host).
 */
export class FolderLock {
  readonly path: string
  readonly holder: LockHolder
  private released = false

  private constructor(path: string, holder: LockHolder) {
    this.path = path
    this.holder = holder
  }

  static async acquire(dir: string, options: LockOptions): Promise<FolderLock> {
    const path = join(dir, LOCK_FILE)
    if (heldHere.has(path)) {
      throw new LockError(`analytics-log: ${path} is already held by this process`)
    }
    const holder: LockHolder = {
      pid: options.pid ?? process.pid,
      host: options.host,
      token: randomUUID(),
      startedAt: new Date().toISOString(),
    }
    // Three rounds: a stale lock is removed and the create retried; losing that race to another
    // starting writer ends in the error below, naming the winner.
    for (let round = 0; round < 3; round++) {
      if (await createExclusive(path, holder)) {
        const back = await readHolder(path)
        if (back?.token === holder.token) {
          heldHere.add(path)
          return new FolderLock(path, holder)
        }
        continue
      }
      const current = await inspect(path)
      if (current === undefined) continue // gone meanwhile
      if (!isStale(current, holder, options)) {
        const who = current.holder
          ? `pid ${current.holder.pid} on host ${current.holder.host} (since ${current.holder.startedAt})`
          : 'a writer that has not finished writing it'
        throw new LockError(
          `analytics-log: another live writer holds ${path}: ${who}, refreshed ${Math.round(current.ageMs / 1000)} s ago. ` +
            'Each process needs its own POD_NAME; a lock left by a dead writer is taken over once it is stale.',
          current.holder,
        )
      }
      await fs.promises.rm(path, { force: true })
    }
    throw new LockError(`analytics-log: could not take ${path}: other writers keep taking it`)
  }

  /**
   * Heartbeat, from a timer: touch the lock, recreate it if the folder was deleted under us.
   * Resolves false when someone else's lock stands there now.
   */
  async refresh(): Promise<boolean> {
    if (this.released) return true
    // Real time, not the writer's (injectable) clock: staleness is judged by other processes.
    const t = Date.now() / 1000
    try {
      const back = await readHolder(this.path)
      if (back && back.token !== this.holder.token) return false
      if (back) {
        await fs.promises.utimes(this.path, t, t)
        return true
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    // Deleted with its folder: the caller recreated the folder, put our lock back.
    return createExclusive(this.path, this.holder)
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    heldHere.delete(this.path)
    try {
      const back = await readHolder(this.path)
      if (back?.token === this.holder.token) await fs.promises.rm(this.path, { force: true })
    } catch {
      // The folder is gone or unreadable: nothing of ours to remove.
    }
  }
}

async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let handle: fs.promises.FileHandle
  try {
    handle = await fs.promises.open(path, 'wx', 0o644)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
  try {
    await handle.writeFile(JSON.stringify(holder) + '\n')
  } finally {
    await handle.close()
  }
  return true
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  let text: string
  try {
    text = await fs.promises.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    const parsed = JSON.parse(text) as LockHolder
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : undefined
  } catch {
    return undefined // half-written by a writer that is creating it right now, or garbage
  }
}

async function inspect(
  path: string,
): Promise<{ holder: LockHolder | undefined; ageMs: number } | undefined> {
  let mtimeMs: number
  try {
    mtimeMs = (await fs.promises.stat(path)).mtimeMs
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const holder = await readHolder(path)
  return { holder, ageMs: Math.max(0, Date.now() - mtimeMs) }
}

function isStale(
  current: { holder: LockHolder | undefined; ageMs: number },
  me: LockHolder,
  options: LockOptions,
): boolean {
  if (current.ageMs > options.staleMs) return true
  const h = current.holder
  if (!h) return false // being written this very moment: fresh by its mtime
  if (h.host !== me.host) return false
  return h.pid === me.pid || !isAlive(h.pid)
}
