// One line of an analytics file, and of a fluentd object: a JSON object ended by `\n`, the head
// (`time`, `tag`, `pod`) first, then the record's fields. Pure text in, records out: reading the
// files or objects is the reader's business.
import Type, { type Static, type TObject, type TSchema } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import { POD_PATTERN, TAG_PATTERN } from './file-names.ts'
import { type AnalyticsRecord, type AnalyticsTag, analyticsRecords } from './records.ts'

/** What the writer puts before every record's own fields, in this order. */
export const lineHead = Type.Object({
  /** When the writer accepted the record: ISO 8601, UTC, milliseconds. The file's hour. */
  time: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' }),
  tag: Type.String({ pattern: TAG_PATTERN.source }),
  pod: Type.String({ pattern: POD_PATTERN.source }),
})

/** A whole line of one of the tags `K`, told apart by `tag`. */
export type AnalyticsLine<K extends AnalyticsTag = AnalyticsTag> = {
  [T in K]: Omit<Static<typeof lineHead>, 'tag'> & { tag: T } & AnalyticsRecord<T>
}[K]

/**
 * A whole line of `tag`. Fields beyond the record's are let through, unlike in the writer: a
 * reader deployed before a writer that added a field still counts its records.
 */
export function lineSchema(tag: AnalyticsTag): TObject {
  return Type.Object({
    ...lineHead.properties,
    tag: Type.Literal(tag),
    ...analyticsRecords[tag].properties,
  })
}

/** The complete lines of `text` (without their `\n`) and the rest after the last `\n`. */
export function splitLines(text: string): { lines: string[]; tail: string } {
  const lines = text.split('\n')
  const tail = lines.pop() ?? ''
  return { lines, tail }
}

/** Not a valid line (not JSON, no string `tag`, or not its tag's schema), or another tag's. */
export type LineVerdict = 'malformed' | 'other_tag'

/**
 * Reads one line as a record of one of `tags`: the record, or why not. A string verdict rather
 * than a result object, so nothing is allocated per line beyond what JSON.parse makes. Checked
 * against the line's schema compiled once, without its text formats (see `readersView`).
 */
export function lineParser<K extends AnalyticsTag>(
  tags: readonly K[],
): (line: string) => AnalyticsLine<K> | LineVerdict {
  const validators = new Map<string, Validator>(
    tags.map((tag) => [tag, Compile(readersView(lineSchema(tag)))]),
  )
  return (line) => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return 'malformed'
    }
    const tag = (value as { tag?: unknown } | null)?.tag
    if (typeof tag !== 'string') return 'malformed'
    const validator = validators.get(tag)
    if (validator === undefined) return 'other_tag'
    return validator.Check(value) ? (value as AnalyticsLine<K>) : 'malformed'
  }
}

/**
 * The schema without `format` and `pattern`: fields, types, ranges and lengths are checked, text
 * formats are not. The writer has checked those already, and readers go through every line of a
 * day: a uuid format alone costs more per line (~350 ns) than all the rest of the check (~20 ns).
 */
function readersView(schema: TObject): TSchema {
  const properties: Record<string, TSchema> = {}
  for (const [key, property] of Object.entries(schema.properties)) {
    const { format: _format, pattern: _pattern, ...rest } = property as Record<string, unknown>
    properties[key] = rest
  }
  return { ...schema, properties }
}
