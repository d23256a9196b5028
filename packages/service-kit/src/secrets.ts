/**
 * Why a production secret must be refused, or undefined when it may be used: the development
 * value committed in the source (anyone can read it, and sign with it), fewer than 32 bytes, or
 * fewer than 8 different bytes (`aaaa…`, a repeated word: typed, not generated).
 */
export function weakSecret(
  secret: Uint8Array | string,
  developmentValues: readonly (Uint8Array | string)[],
): string | undefined {
  const bytes = Buffer.from(secret)
  if (developmentValues.some((known) => bytes.equals(Buffer.from(known)))) {
    return 'is the development value from the source; generate one (openssl rand -base64 48)'
  }
  if (bytes.length < 32) return 'must be at least 32 bytes'
  if (new Set(bytes).size < 8) return 'is too weak (fewer than 8 different bytes); generate one'
  return undefined
}
