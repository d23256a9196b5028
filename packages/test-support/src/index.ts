export { chromiumPath, launchChromium } from './chromium.ts'
export { freePort } from './free-port.ts'
export { canMountTmpfs, mountTmpfs, type Tmpfs } from './tmpfs.ts'
