import { STATUS_CODES } from 'node:http'
import type { ErrorBody, FieldError, InputRule } from '@hexad/contracts/console-api'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { fieldErrorOf, isSpecific, type AjvIssue } from './field-errors.ts'
import { misplaced } from './operations.ts'

export type { ErrorBody, FieldError }

/** A field that breaks one of the contract's named rules (`InputRule`), with its values. */
export type InvalidField = FieldError & { rule: InputRule }

/** Thrown by a handler when input passes the schema but breaks a rule across fields. */
export class InvalidInputError extends Error {
  readonly statusCode = 400
  readonly details: InvalidField[]
  constructor(details: InvalidField[]) {
    super(details.map((d) => `${d.field} ${d.message}`).join('; '))
    this.name = 'InvalidInputError'
    this.details = details
  }
}

function uniqueDetails(details: FieldError[]): FieldError[] {
  const seen = new Set<string>()
  return details.filter((d) => {
    const key = `${d.in}\0${d.field}\0${d.rule}\0${d.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

// Built field by field: a spread would let a field the contract doesn't have through unchecked.
function fieldError(detail: FieldError): FieldError {
  const copy: FieldError = {
    in: detail.in,
    field: detail.field,
    rule: detail.rule,
    message: detail.message,
  }
  if (detail.params) copy.params = detail.params
  return copy
}

function errorBody(status: number, message: string, details?: FieldError[]): ErrorBody {
  const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message }
  if (details) body.details = details.map(fieldError)
  return body
}

export const errorsPlugin = fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError & { details?: FieldError[] }, request, reply) => {
      if (err.validation) {
        const where = err.validationContext ?? 'body'
        const issues = err.validation as AjvIssue[]
        const details = uniqueDetails(
          issues.filter(isSpecific).map((issue) => fieldErrorOf(where, issue)),
        )
        return reply.code(400).send(errorBody(400, 'Request validation failed', details))
      }
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
      if (status >= 500) {
        // A 5xx is a bug: log it whole, tell the client nothing about our insides.
        request.log.error({ err }, 'request failed')
        return reply.code(status).send(errorBody(status, 'An unexpected error occurred'))
      }
      return reply.code(status).send(errorBody(status, err.message, err.details))
    })

    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      reply.code(404).send(errorBody(404, `Route ${request.method} ${request.url} not found`))
    app.setNotFoundHandler(notFound)
    // Answered in onRequest, before Fastify reads the body: a route that does not exist (or an
    // operations route asked on the public port, or the reverse) never costs a parse.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.is404 || misplaced(request)) notFound(request, reply)
      else done()
    })
  },
  { name: '@hexad/errors', fastify: '5.x' },
)
