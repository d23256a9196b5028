import { STATUS_CODES } from 'node:http'
import type { ErrorBody, FieldError } from '@hexad/contracts/console-api'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { misplaced } from './operations.ts'

export type { ErrorBody, FieldError }

/** Thrown by a handler when input passes the schema but breaks a rule across fields. */
export class InvalidInputError extends Error {
  readonly statusCode = 400
  readonly details: FieldError[]
  constructor(details: FieldError[]) {
    super(details.map((d) => `${d.field} ${d.message}`).join('; '))
    this.name = 'InvalidInputError'
    this.details = details
  }
}

interface AjvIssue {
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.split('/').filter(Boolean)
  const missing = issue.params.missingProperty ?? issue.params.additionalProperty
  if (typeof missing === 'string') path.push(missing)
  return path.join('.') || '(root)'
}

// A nullable field that fails yields three issues ("must be object", "must be null", "must match a
// schema in anyOf"); only the first says anything to a person.
function isSpecific(issue: { keyword: string; params: Record<string, unknown> }): boolean {
  return issue.keyword !== 'anyOf' && !(issue.keyword === 'type' && issue.params.type === 'null')
}

function messageOf(issue: AjvIssue): string {
  const allowed = issue.params.allowedValues
  if (Array.isArray(allowed)) return `must be one of: ${allowed.join(', ')}`
  return issue.message ?? 'is invalid'
}

function uniqueDetails(details: FieldError[]): FieldError[] {
  const seen = new Set<string>()
  return details.filter((d) => {
    const key = `${d.in}\0${d.field}\0${d.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

function errorBody(status: number, message: string, details?: FieldError[]): ErrorBody {
  // Built field by field: a spread would let a field the contract doesn't have through unchecked.
  const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message }
  if (details) body.details = details
  return body
}

export const errorsPlugin = fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError & { details?: FieldError[] }, request, reply) => {
      if (err.validation) {
        const where = err.validationContext ?? 'body'
        const details = uniqueDetails(
          err.validation.filter(isSpecific).map((issue) => ({
            in: where,
            field: fieldOf(issue as AjvIssue),
            message: messageOf(issue as AjvIssue),
          })),
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
