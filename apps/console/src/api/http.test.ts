import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiDown, fakeApi, json } from '../testing/fake-api.ts'
import { ApiError, request, setHttpHooks } from './http.ts'

function hooks(token: string | null = 'csrf-1') {
  const value = { csrfToken: () => token, unauthorized: vi.fn(), reachable: vi.fn() }
  setHttpHooks(value)
  return value
}

afterEach(() => vi.unstubAllGlobals())

describe('request', () => {
  it('sends the CSRF token on writes only', async () => {
    hooks()
    const api = fakeApi({ 'GET /api/x': json(200, {}), 'POST /api/x': json(201, {}) })
    await request('GET', '/api/x')
    await request('POST', '/api/x', { body: { a: 1 } })
    expect(api.requests[0]?.headers['x-csrf-token']).toBeUndefined()
    expect(api.requests[1]?.headers['x-csrf-token']).toBe('csrf-1')
    expect(api.requests[1]?.body).toEqual({ a: 1 })
  })

  it('turns an error body into an ApiError with its field details', async () => {
    hooks()
    const details = [
      {
        in: 'body',
        field: 'endDate',
        rule: 'endBeforeStart',
        message: 'must be on or after the start date',
      },
    ]
    fakeApi({
      'POST /api/x': json(400, { error: 'validation', message: 'Invalid campaign', details }),
    })
    const error = await request('POST', '/api/x', { body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'validation', details })
  })

  it('reports a 401 on a session request as an expired session', async () => {
    const h = hooks()
    fakeApi({ 'GET /api/x': json(401, { error: 'unauthorized', message: 'Log in' }) })
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 401 })
    expect(h.unauthorized).toHaveBeenCalledOnce()
  })

  it('does not treat a failed login as an expired session', async () => {
    const h = hooks(null)
    fakeApi({ 'POST /api/auth/login': json(401, { error: 'unauthorized', message: 'Wrong' }) })
    await expect(
      request('POST', '/api/auth/login', { body: {}, session: false }),
    ).rejects.toMatchObject({ status: 401, message: 'Wrong' })
    expect(h.unauthorized).not.toHaveBeenCalled()
  })

  it.each([
    ['the network fails', () => apiDown()],
    ['a gateway answers 502', () => fakeApi({ 'GET /api/x': json(502) })],
  ])('calls the API unreachable when %s', async (_, breakIt) => {
    const h = hooks()
    breakIt()
    const error = await request('GET', '/api/x').catch((e: unknown) => e)
    expect(error).toMatchObject({ unreachable: true })
    expect(h.reachable).toHaveBeenLastCalledWith(false)
  })
})
