import { pipeline, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { splitLines } from '@hexad/contracts/analytics'

// A line longer than this is not an analytics record; cut it so memory stays flat on junk input.
const MAX_LINE_CHARS = 1 << 20

/**
 * Yields the complete lines of a UTF-8 stream, a chunk's worth at a time (one await per chunk,
 * not per line). The last line is yielded only if it ends with a newline: a file can be read while
 * its writer is still appending, and half a record is not a malformed one; `onUnterminated` hears
 * about it instead. Hand-written rather than node:readline because readline yields that last
 * line like any other and gives no way to tell it was cut.
 */
export async function* readLineBatches(
  stream: Readable,
  onUnterminated: (line: string) => void,
): AsyncGenerator<string[]> {
  stream.setEncoding('utf8')
  let rest = ''
  for await (const chunk of stream as AsyncIterable<string>) {
    const { lines, tail } = splitLines(rest + chunk)
    rest = tail
    if (rest.length > MAX_LINE_CHARS) {
      lines.push(rest)
      rest = ''
    }
    if (lines.length > 0) yield lines
  }
  if (rest !== '') onUnterminated(rest)
}

/**
 * A file's bytes as text: through gunzip for `.gz`, errors of either side ending the read.
 * 32 KiB output chunks (zlib's default is 16): fewer, still small strings; larger ones raised the
 * benchmark's peak RSS without making it faster.
 */
export function decoded(name: string, raw: Readable): Readable {
  if (!name.endsWith('.gz')) return raw
  return pipeline(raw, createGunzip({ chunkSize: 32 * 1024 }), () => {
    // Errors reach the reader through the gunzip stream, which pipeline destroys with them.
  })
}
