import { describe, expect, it } from 'vitest'
import { textLine } from './stream-mode.ts'

describe('textLine', () => {
  it("writes MySQL's text format: tabs between values, \\N for NULL, backslash escapes", () => {
    expect(textLine([1, 'plain', null, 0.1 + 0.2, '2026-11-25 03:04:05'])).toBe(
      '1\tplain\t\\N\t0.30000000000000004\t2026-11-25 03:04:05\n',
    )
    expect(textLine(['tab\there', 'line\nbreak', 'back\\slash', 'nul\0', 'cr\r'])).toBe(
      'tab\\there\tline\\nbreak\tback\\\\slash\tnul\\0\tcr\\r\n',
    )
  })
})
