/** Settings a page may set before the tag runs; the web container's /config.js writes the same. */
export interface HexadConfig {
  apiOrigin?: string
}

declare global {
  interface Window {
    __HEXAD_CONFIG__?: HexadConfig
  }
}

const configured = () => window.__HEXAD_CONFIG__?.apiOrigin || null

function loadScript(src: string): Promise<void> {
  return new Promise((resolve) => {
    const script = document.createElement('script')
    script.src = src
    script.async = true
    // A missing config is not an error for the page: the fallback origin applies.
    script.onload = script.onerror = () => {
      script.remove()
      resolve()
    }
    document.head.append(script)
  })
}

let pending: Promise<string> | undefined

/**
 * Where ad-api is, in this order: the element's `api` attribute; `window.__HEXAD_CONFIG__` if the
 * page set it; the `/config.js` served beside hexad-tag.js (its container writes it from the
 * environment at start, so one image serves every environment); else the tag's own origin.
 * /config.js is loaded at most once per page, however many slots there are.
 */
export function resolveApiOrigin(attribute: string | undefined, tagUrl: string): Promise<string> {
  if (attribute) return Promise.resolve(attribute)
  const origin = configured()
  if (origin) return Promise.resolve(origin)
  pending ??= loadScript(new URL('/config.js', tagUrl).href).then(
    () => configured() ?? new URL(tagUrl).origin,
  )
  return pending
}

/** Tests only: forget the loaded configuration. */
export function resetApiOrigin(): void {
  pending = undefined
}
