import Type, { type Static } from 'typebox'

// The body of every error a hexad API answers (service-kit's error handler writes it); it lives
// with console-api's contract because the console is the client that reads it.

/** One bad input field: where it was (body, querystring, params, headers) and what is wrong. */
export const FieldError = Type.Object({
  in: Type.String(),
  field: Type.String(),
  message: Type.String(),
})
export type FieldError = Static<typeof FieldError>

/** The single error shape every hexad API answers with. */
export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(FieldError)),
  },
  { $id: 'ErrorResponse' },
)
export type ErrorBody = Static<typeof ErrorBody>
