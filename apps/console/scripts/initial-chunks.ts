/** One entry of Vite's build manifest (dist/.vite/manifest.json), the fields used here. */
export interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

/**
 * The JavaScript files the browser loads before the first paint: every entry chunk and what it
 * imports statically, transitively. Dynamic imports (lazy routes) are not followed.
 */
export function initialChunks(manifest: Record<string, ManifestChunk>): string[] {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const next of manifest[key]?.imports ?? []) visit(next)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return [...seen]
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file?.endsWith('.js') ?? false)
}
