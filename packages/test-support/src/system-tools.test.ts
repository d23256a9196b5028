import { describe, expect, it } from 'vitest'
import { isInstalled, missingToolsMessage } from './system-tools.ts'

describe('system tools', () => {
  it('finds a command on the PATH, and not one that is nowhere', () => {
    expect(isInstalled('sh')).toBe(true)
    expect(isInstalled('hexad-no-such-tool')).toBe(false)
  })

  it('names every missing tool and the one command that installs them all', () => {
    const installed = (command: string) => command === 'podman'
    expect(missingToolsMessage('containers:verify', ['podman', 'runc', 'mysql'], installed)).toBe(
      'containers:verify needs runc, mysql, not found here: sudo apt-get install -y runc mariadb-client',
    )
  })

  it('says nothing when everything is there', () => {
    expect(missingToolsMessage('containers:verify', ['podman'], () => true)).toBeUndefined()
  })
})
