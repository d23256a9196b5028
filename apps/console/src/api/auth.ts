import type { ChangePasswordBody, SessionInfo } from '@hexad/contracts/console-api'
import { request } from './http.ts'

export const login = (email: string, password: string) =>
  request<SessionInfo>('POST', '/api/auth/login', { body: { email, password }, session: false })

export const logout = () => request<void>('POST', '/api/auth/logout')

export const fetchSession = () => request<SessionInfo>('GET', '/api/me', { session: false })

export const changePassword = (body: ChangePasswordBody) =>
  request<void>('POST', '/api/me/password', { body })

/** Ends every session of the user, this one included. */
export const logoutEverywhere = () => request<void>('POST', '/api/auth/logout-everywhere')
