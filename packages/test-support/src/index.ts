export { chromiumPath, launchChromium } from './chromium.ts'
export { freePort } from './free-port.ts'
