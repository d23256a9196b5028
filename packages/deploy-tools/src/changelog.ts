import { execFileSync } from 'node:child_process'
import { APPS } from './plan.ts'
import { appFolders } from './workspace.ts'

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * The body of a promotion pull request: per app, the commits in `from..to` that touch the app or
 * a workspace package it depends on, i.e. what the new image tag contains.
 */
export function changelog(root: string, env: string, from: string, to: string): string {
  for (const ref of [from, to]) {
    try {
      git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
    } catch {
      throw new Error(`unknown git ref ${ref}`)
    }
  }
  const sections = APPS.map((app) => {
    const paths = appFolders(root, app)
    const log = git(root, [
      'log',
      '--no-merges',
      '--format=%h%x09%an%x09%s',
      `${from}..${to}`,
      '--',
      ...paths,
    ])
    const lines = log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, author, subject] = line.split('\t')
        return `- ${sha} ${subject} (${author})`
      })
    const body = lines.length > 0 ? lines.join('\n') : 'No changes.'
    return `### ${app.name}\n\n_${paths.join(', ')}_\n\n${body}\n`
  })
  return `## Changes for ${env}: \`${from}\` → \`${to}\`\n\n${sections.join('\n')}`
}
