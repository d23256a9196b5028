/** `registry/path:tag@sha256:…` split into its parts; the tag is after the last `:` of the last path segment. */
export interface ImageRef {
  repository: string
  tag?: string
  digest?: string
}

export function parseImage(image: string): ImageRef {
  let rest = image
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  const colon = rest.lastIndexOf(':')
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined
  const repository = tag === undefined ? rest : rest.slice(0, colon)
  return { repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) }
}

export function formatImage({ repository, tag, digest }: ImageRef): string {
  return (
    repository + (tag !== undefined ? `:${tag}` : '') + (digest !== undefined ? `@${digest}` : '')
  )
}
