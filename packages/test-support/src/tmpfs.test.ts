import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type Tmpfs, canMountTmpfs, mountTmpfs } from './tmpfs.ts'

describe.runIf(canMountTmpfs())('mountTmpfs', () => {
  let root: string | undefined
  let tmpfs: Tmpfs | undefined
  afterEach(async () => {
    tmpfs?.unmount()
    tmpfs = undefined
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('gives a disk that fills up, and takes writes again once the ballast is gone', async (ctx) => {
    root = await mkdtemp(join(tmpdir(), 'tmpfs-test-'))
    tmpfs = mountTmpfs(join(root, 'mnt'), '256k')
    if (!tmpfs) return ctx.skip()
    const ballast = tmpfs.fill(16 * 1024)
    await expect(writeFile(join(tmpfs.path, 'big'), Buffer.alloc(64 * 1024))).rejects.toThrow(
      /ENOSPC/,
    )
    await rm(ballast)
    await writeFile(join(tmpfs.path, 'big'), Buffer.alloc(64 * 1024))
  })
})
