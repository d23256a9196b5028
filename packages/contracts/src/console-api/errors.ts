import Type, { type Static } from 'typebox'

// The body of every error a hexad API answers (service-kit's error handler writes it); it lives
// with console-api's contract because the console is the client that reads it.

/**
 * The rules checked beyond what a schema can say (service-kit's `InvalidInputError` takes only
 * these): an end before its start (a campaign's dates, a report's range), a report range longer
 * than the API counts (`params.maxDays`), a wrong current password (console-api's handlers), a
 * field needed with another (JSON Schema's `dependentRequired`: ad-api's lat and lng), and a
 * JSON body nested deeper than any route takes (`params.maxDepth`, the kit's parser).
 */
export const InputRule = Type.Enum([
  'endBeforeStart',
  'rangeTooLong',
  'wrongPassword',
  'dependentRequired',
  'nestedTooDeep',
])
export type InputRule = Static<typeof InputRule>

/** A rule's values: a limit, a format's or a pattern's name, the allowed values… */
export const RuleParams = Type.Record(
  Type.String(),
  Type.Union([
    Type.String(),
    Type.Number(),
    Type.Array(Type.Union([Type.String(), Type.Number()])),
  ]),
)
export type RuleParams = Static<typeof RuleParams>

/**
 * One bad input field: where it was (body, querystring, params, headers), which rule it broke
 * and with what values, for a client to say in its reader's language, and `message`, the same
 * in English for anyone reading the body itself. `rule` is the JSON Schema keyword the schema
 * validator reports (`maxLength`, `format`, `formatMinimum`, `required`…, with its `params` as
 * Ajv names them: `limit`, `format`, `pattern`, `allowedValues`…) or an `InputRule`.
 */
export const FieldError = Type.Object({
  in: Type.String(),
  field: Type.String(),
  rule: Type.String(),
  params: Type.Optional(RuleParams),
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
