export { chromiumMissing, chromiumPath, launchChromium } from './chromium.ts'
export { freePort } from './free-port.ts'
export { skipBecause } from './skip.ts'
export { isInstalled, missingToolsMessage, requireTools, type SystemTool } from './system-tools.ts'
