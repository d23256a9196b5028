import type { ErrorBody, FieldError } from '@hexad/contracts/console-api'

/**
 * Every failure the console can meet talking to console-api. `status` 0 means the request never
 * got an answer from the API (network down, proxy without upstream): the UI shows "unreachable".
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldError[]

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  get unreachable(): boolean {
    return this.status === 0
  }
}

export interface HttpHooks {
  /** The token every write must carry (x-csrf-token), or null before login. */
  csrfToken(): string | null
  /** A request made with a session got 401: the session expired or was revoked. */
  unauthorized(): void
  /** Whether the API answered at all; drives the "server unreachable" banner. */
  reachable(ok: boolean): void
}

let hooks: HttpHooks = { csrfToken: () => null, unauthorized: () => {}, reachable: () => {} }

// Set once in main.ts; the stores and the router live there, this module must not import them.
export function setHttpHooks(next: HttpHooks): void {
  hooks = next
}

export interface RequestOptions {
  body?: unknown
  /** false for the calls that establish a session: their 401 is an answer, not an expiry. */
  session?: boolean
}

// A gateway answering for a missing upstream (Vite proxy, nginx, the ALB) means "API down".
const GATEWAY_STATUSES = new Set([502, 503, 504])

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  { body, session = true }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const token = hooks.csrfToken()
  if (method !== 'GET' && token) headers['x-csrf-token'] = token

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    hooks.reachable(false)
    throw new ApiError(0, 'unreachable', 'The server could not be reached')
  }

  if (GATEWAY_STATUSES.has(response.status)) {
    hooks.reachable(false)
    throw new ApiError(0, 'unreachable', 'The server could not be reached')
  }
  hooks.reachable(true)

  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (response.ok) return payload as T

  if (response.status === 401 && session) hooks.unauthorized()
  // Not every failure is console-api's own answer (a proxy, a gateway): any field may be missing.
  const error = (payload ?? {}) as Partial<ErrorBody>
  throw new ApiError(
    response.status,
    error.error ?? 'error',
    error.message ?? response.statusText,
    error.details ?? [],
  )
}
