import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Node flags that restart a program on changes under each package folder's `src/`, and nowhere
 * else. Plain `--watch` follows every module the program loads, dependencies in node_modules
 * included, so a `pnpm install` in another checkout sharing the store restarted the services.
 * The output is kept across restarts: under turbo, clearing the screen would clear every app's.
 */
export function watchFlags(packageFolders: readonly string[]): string[] {
  const sources = packageFolders.map((folder) => join(folder, 'src')).filter(existsSync)
  return ['--watch-preserve-output', ...sources.map((src) => `--watch-path=${src}`)]
}
