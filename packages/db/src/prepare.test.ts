import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb } from './create-db.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

// What `pnpm dev` does: two services prepare the same fresh SQLite file at the same moment.
const script = `
  import { createDb, prepareDatabase } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)}
  const handle = createDb(process.argv[1])
  const result = await prepareDatabase(handle, { migrate: true, seed: true })
  await handle.db.destroy()
  console.log(JSON.stringify(result))
`

describe('prepareDatabase', () => {
  it('lets several processes migrate and seed one SQLite file at once, exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexad-prepare-'))
    dirs.push(dir)
    const url = `sqlite:${join(dir, 'dev.sqlite')}`
    const children = [1, 2, 3].map(() =>
      spawn(process.execPath, ['--input-type=module', '-e', script, url], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    )
    const outputs = await Promise.all(
      children.map(async (child) => {
        let out = ''
        child.stdout.on('data', (c) => (out += c))
        const [code] = await once(child, 'exit')
        expect(code).toBe(0)
        return JSON.parse(out) as { applied: string[]; seeded: boolean }
      }),
    )
    expect(outputs.filter((o) => o.applied.length > 0)).toHaveLength(1)
    expect(outputs.filter((o) => o.seeded)).toHaveLength(1)
    const { db } = createDb(url)
    const advertisers = await db.selectFrom('advertisers').select('id').execute()
    await db.destroy()
    expect(advertisers).toHaveLength(1)
  }, 30_000)
})
