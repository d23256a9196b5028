import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/http.ts'
import { setLocale } from '../i18n/index.ts'
import FormError from './FormError.vue'

afterEach(() => setLocale('en'))

const said = (error: ApiError) => mount(FormError, { props: { error } }).find('[role=alert]').text()

describe('a form whose request failed', () => {
  it("says what the status means in the reader's language, never the API's English", () => {
    setLocale('ja')
    const gone = new ApiError(404, 'Not Found', 'Creative 12 not found')
    expect(said(gone)).toBe('見つかりません。別のタブで削除された可能性があります。')
    const stale = new ApiError(403, 'Forbidden', 'Missing or invalid CSRF token')
    expect(said(stale)).toContain('再読み込み')
    const broken = new ApiError(500, 'Internal Server Error', 'An unexpected error occurred')
    expect(said(broken)).not.toContain('unexpected')
    expect(said(broken)).toBe('うまくいきませんでした。しばらくしてからもう一度お試しください。')
  })

  it('points at the fields when the API refused some, and says the login limit', () => {
    const refused = new ApiError(400, 'Bad Request', 'Request validation failed', [
      { in: 'body', field: 'name', rule: 'maxLength', params: { limit: 200 }, message: 'x' },
    ])
    expect(said(refused)).toBe('Some fields need your attention.')
    expect(said(new ApiError(429, 'Too Many Requests', 'Slow down'))).toBe(
      'Too many attempts. Wait a minute, then try again.',
    )
    expect(said(new ApiError(0, 'unreachable', 'The server could not be reached'))).not.toBe('')
  })
})
