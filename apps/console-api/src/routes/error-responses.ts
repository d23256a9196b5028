import { ErrorBody } from '@hexad/contracts/console-api'

/** The failures every authenticated route may answer, each with the one error body. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
}
