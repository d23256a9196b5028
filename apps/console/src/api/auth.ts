import { request } from './http.ts'
import type { Session } from './types.ts'

export const login = (email: string, password: string) =>
  request<Session>('POST', '/api/auth/login', { body: { email, password }, session: false })

export const logout = () => request<void>('POST', '/api/auth/logout')

export const fetchSession = () => request<Session>('GET', '/api/me', { session: false })
