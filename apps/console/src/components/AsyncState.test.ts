import type { ErrorBody } from '@hexad/contracts/console-api'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/http.ts'
import { setLocale } from '../i18n/index.ts'
import AsyncState from './AsyncState.vue'

afterEach(() => setLocale('en'))

describe('a page whose query the API refused', () => {
  it("says why by the refused rules, in the reader's language", () => {
    const refusal = {
      error: 'Bad Request',
      message: 'from must be at most 366 days before to, both counted',
      details: [
        {
          in: 'querystring',
          field: 'from',
          rule: 'rangeTooLong',
          params: { maxDays: 366 },
          message: 'must be at most 366 days before to, both counted',
        },
      ],
    } satisfies ErrorBody
    setLocale('ja')
    const error = new ApiError(400, refusal.error, refusal.message, refusal.details)
    const wrapper = mount(AsyncState, { props: { loading: false, error } })
    expect(wrapper.find('[role=alert]').text()).toContain(
      'エラーが発生しました: 期間は 366 日以内にしてください。',
    )
  })
})
