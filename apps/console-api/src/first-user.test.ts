import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDb, testEngines, type TestDb } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { build, login, type TestContext } from '../test/build.ts'
import { createFirstUser, FirstUserError } from './first-user.ts'

const cli = join(import.meta.dirname, 'cli/create-user.ts')

describe.each(testEngines)('the first user on %s', (engine) => {
  let t: TestContext | undefined
  let scratch: TestDb | undefined
  afterEach(async () => {
    await t?.close()
    await scratch?.destroy()
    t = scratch = undefined
  })

  it('creates an advertiser and a user who logs in with the generated password', async () => {
    t = await build(engine)
    const user = await createFirstUser(t.testDb.db, {
      advertiser: '  Acme Coffee ',
      email: 'Owner@Acme.Example',
      timeZone: 'Asia/Tokyo',
    })
    expect(user.email).toBe('owner@acme.example')
    expect(user.password).toMatch(/^[\w-]{24}$/)
    const session = await login(t.app, { email: 'OWNER@acme.example', password: user.password })
    const me = await t.app.inject({ url: '/api/me', headers: session.headers })
    expect(me.json().user).toMatchObject({
      advertiserName: 'Acme Coffee',
      email: user.email,
      timeZone: 'Asia/Tokyo',
    })
    // Its own tenant: none of the demo tenant's campaigns.
    const campaigns = await t.app.inject({ url: '/api/campaigns', headers: session.headers })
    expect(campaigns.json().items).toEqual([])
    const stored = await t.testDb.db.selectFrom('users').select('password_hash').execute()
    expect(JSON.stringify(stored)).not.toContain(user.password)
  })

  it('refuses a taken email or a bad one, creating nothing', async () => {
    scratch = await createTestDb(engine)
    await createFirstUser(scratch.db, { advertiser: 'A', email: 'a@a.example' })
    await expect(
      createFirstUser(scratch.db, { advertiser: 'B', email: 'A@a.example' }),
    ).rejects.toThrow(new FirstUserError('a user with the email a@a.example exists already'))
    await expect(createFirstUser(scratch.db, { advertiser: 'C', email: 'nope' })).rejects.toThrow(
      FirstUserError,
    )
    await expect(
      createFirstUser(scratch.db, { advertiser: ' ', email: 'c@c.example' }),
    ).rejects.toThrow(/1 to 200 characters/)
    await expect(
      createFirstUser(scratch.db, { advertiser: 'D', email: 'd@d.example', timeZone: 'Mars/Base' }),
    ).rejects.toThrow(/not an IANA time zone/)
    const advertisers = await scratch.db.selectFrom('advertisers').select('name').execute()
    expect(advertisers).toEqual([{ name: 'A' }])
  })
})

// Three Node processes in a row: slow on a busy machine, hence the generous limit (no timing).
describe('create-user, the command', { timeout: 60_000 }, () => {
  it('migrates an empty database, prints the password once on stdout, exits 1 on a taken email', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexad-create-user-'))
    try {
      const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'empty.sqlite')}` }
      const args = [cli, '--advertiser', 'Acme', '--email', 'ops@acme.example']
      const out = execFileSync(process.execPath, args, { env, encoding: 'utf8' })
      const password = /^password: (\S+)$/m.exec(out)?.[1]
      expect(password).toMatch(/^[\w-]{24}$/)
      expect(out.split(password!)).toHaveLength(2)
      const again = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
      expect(again.status).toBe(1)
      expect(again.stderr).toBe(
        'create-user: a user with the email ops@acme.example exists already\n',
      )
      expect(again.stdout).toBe('')
      // What the CronJob runs when nobody set the two values: its usage, nothing created.
      const unset = spawnSync(process.execPath, [cli, '--advertiser', '', '--email', ''], {
        env,
        encoding: 'utf8',
      })
      expect(unset.status).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
