import Type from 'typebox'

export const ErrorResponse = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ in: Type.String(), field: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'ErrorResponse' },
)

/** A calendar day, UTC: `YYYY-MM-DD` (ajv's `date` format also rejects 2026-02-30). */
export const DateString = Type.String({ format: 'date', examples: ['2026-12-01'] })

/** For 204 answers: Fastify checks the reply against the schema, and there is no body. */
export const NoContent = Type.Null({ description: 'No content' })

export const IdParam = Type.Integer({ minimum: 1 })

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
}
