import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readLineBatches } from './read-lines.ts'

async function read(chunks: (string | Buffer)[]) {
  const lines: string[] = []
  const unterminated: string[] = []
  for await (const batch of readLineBatches(Readable.from(chunks), (l) => unterminated.push(l))) {
    lines.push(...batch)
  }
  return { lines, unterminated }
}

describe('readLineBatches', () => {
  it('joins lines split across chunks', async () => {
    expect((await read(['a\nb', 'c\n', 'd\n'])).lines).toEqual(['a', 'bc', 'd'])
  })

  it('holds back a last line without its newline (still being written)', async () => {
    expect(await read(['a\n{"tag":"imp'])).toEqual({ lines: ['a'], unterminated: ['{"tag":"imp'] })
  })

  it('decodes a character split between two chunks', async () => {
    const bytes = Buffer.from('東京\n')
    expect((await read([bytes.subarray(0, 4), bytes.subarray(4)])).lines).toEqual(['東京'])
  })
})
