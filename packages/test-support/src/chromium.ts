import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`; .ci/toolchain.sh ensure_chromium) or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why no browser test can run here, in one line with the way out; undefined when one can. */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined
  return `no Chromium at ${chromiumPath}: sudo apt-get install -y chromium, or set CHROMIUM_PATH`
}

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium calls
 * Google's services at start, which this machine's closed network refuses. Never a downloaded
 * browser (`playwright install` can't work here). `extraArgs` adds switches (host resolver rules).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const missing = chromiumMissing()
  if (missing) return Promise.reject(new Error(missing))
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}
