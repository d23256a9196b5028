import { openSync, closeSync, rmSync, statSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DbHandle } from './create-db.ts'
import { migrateToLatest } from './migrate.ts'
import { seedDemoData } from './seed.ts'

export interface PrepareOptions {
  migrate: boolean
  seed: boolean
}

export interface PrepareResult {
  applied: string[]
  seeded: boolean
}

const LOCK_WAIT_MS = 30_000
const LOCK_STALE_MS = 60_000

/**
 * Migrate and/or seed at service start. `pnpm dev` starts console-api and ad-api at the same
 * moment on one embedded SQLite file, and kysely's migration lock is a no-op on SQLite, so for
 * that engine a lock file beside the database makes the two take turns. (On MySQL kysely holds
 * GET_LOCK while migrating.)
 */
export async function prepareDatabase(
  handle: DbHandle,
  options: PrepareOptions,
): Promise<PrepareResult> {
  const run = async () => ({
    applied: options.migrate ? await migrateToLatest(handle.db) : [],
    seeded: options.seed ? await seedDemoData(handle.db) : false,
  })
  if (handle.engine !== 'sqlite' || handle.location === ':memory:') return run()
  const release = await acquireLockFile(`${handle.location}.setup-lock`)
  try {
    return await run()
  } finally {
    release()
  }
}

async function acquireLockFile(path: string): Promise<() => void> {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      const fd = openSync(path, 'wx')
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    // A lock left by a process that died mid-setup is taken over once it is clearly abandoned.
    if (isStale(path)) rmSync(path, { force: true })
    else if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${path}; remove it if no service is starting`)
    else await sleep(50)
  }
}

function isStale(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS
  } catch {
    return false
  }
}
