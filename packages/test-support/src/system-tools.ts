import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The system tools hexad's commands use, with the Debian package that brings each. */
const packages = {
  podman: 'podman',
  runc: 'runc',
  debootstrap: 'debootstrap',
  mysql: 'mariadb-client',
} as const

export type SystemTool = keyof typeof packages

// Where podman itself looks for runc, and where Debian puts debootstrap: not on every user's PATH.
const systemDirs = ['/usr/local/sbin', '/usr/sbin', '/sbin']

/** Whether `command` is an executable on the PATH (or in the sbin folders). */
export function isInstalled(command: string, path = process.env.PATH ?? ''): boolean {
  return [...path.split(delimiter), ...systemDirs].some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** One line naming the missing tools and the command that installs them; undefined if none is. */
export function missingToolsMessage(
  purpose: string,
  tools: readonly SystemTool[],
  installed: (command: string) => boolean = isInstalled,
): string | undefined {
  const missing = tools.filter((tool) => !installed(tool))
  if (missing.length === 0) return undefined
  const install = [...new Set(missing.map((tool) => packages[tool]))].join(' ')
  return `${purpose} needs ${missing.join(', ')}, not found here: sudo apt-get install -y ${install}`
}

/** For a command-line tool: stops with that one line (exit 1) when a tool is missing. */
export function requireTools(purpose: string, tools: readonly SystemTool[]): void {
  const message = missingToolsMessage(purpose, tools)
  if (!message) return
  console.error(message)
  process.exit(1)
}
