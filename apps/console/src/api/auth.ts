import type { SessionInfo } from '@hexad/contracts/console-api'
import { request } from './http.ts'

export const login = (email: string, password: string) =>
  request<SessionInfo>('POST', '/api/auth/login', { body: { email, password }, session: false })

export const logout = () => request<void>('POST', '/api/auth/logout')

export const fetchSession = () => request<SessionInfo>('GET', '/api/me', { session: false })
