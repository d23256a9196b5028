// The parts the campaign and creative schemas share; internal: index.ts does not export them.
import Type, { type TProperties } from 'typebox'

/** When a stored record was created and last changed, ISO 8601 in UTC. */
export const timestamps = {
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}

/** A PATCH body: any of a record's fields, at least one, and nothing else. */
export function patchBody<Fields extends TProperties>(fields: Fields) {
  return Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 })
}
