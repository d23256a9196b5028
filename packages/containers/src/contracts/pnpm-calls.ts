// Finds the pnpm scripts a shell command runs, so a test can check each one exists. Understands
// the forms the CI config uses: `pnpm <script>`, `pnpm run <script>`, `--filter <pkg>`/`-F`,
// `--silent`/`-s`; pnpm's own commands (install, config, …) are not scripts and are skipped.

export interface PnpmCall {
  /** Package named by --filter, or undefined for the workspace root. */
  filter?: string
  script: string
}

const BUILTINS = new Set([
  'install',
  'i',
  'add',
  'remove',
  'config',
  'store',
  'exec',
  'dlx',
  'fetch',
])
const FLAGS_WITH_VALUE = new Set(['--filter', '-F', '--dir', '-C'])

export function pnpmCalls(command: string): PnpmCall[] {
  const calls: PnpmCall[] = []
  // Simple commands: pnpm counts only as the command word, not as an argument (corepack enable pnpm).
  for (const segment of command.split(/\n|;|&&|\|\||\||\$\(|[()`]/)) {
    const words = segment.split(/\s+/).filter(Boolean)
    while (words[0] !== undefined && /^[A-Z_a-z]\w*=/.test(words[0])) words.shift()
    if (words[0] !== 'pnpm') continue
    let filter: string | undefined
    let j = 1
    for (; j < words.length && words[j]?.startsWith('-'); j++) {
      const word = words[j] as string
      if (FLAGS_WITH_VALUE.has(word)) {
        if (word === '--filter' || word === '-F') filter = words[j + 1]
        j++
      } else if (word.startsWith('--filter=')) {
        filter = word.slice('--filter='.length)
      }
    }
    let script = words[j]
    if (script === 'run') script = words[j + 1]
    if (script && !BUILTINS.has(script)) {
      calls.push(filter === undefined ? { script } : { filter, script })
    }
  }
  return calls
}
