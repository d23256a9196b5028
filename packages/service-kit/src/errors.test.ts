import { afterEach, describe, expect, it } from 'vitest'
import { buildTestService } from '../test/build-test-service.ts'
import type { ServiceInstance } from './create-service.ts'
import { InvalidInputError } from './errors.ts'

let app: ServiceInstance
afterEach(() => app?.close())

describe('field errors', () => {
  it('name the broken rule and its values, and say it in words for people', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: '', age: 151, email: 'nope', nmae: 'typo' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual(
      expect.arrayContaining([
        {
          in: 'body',
          field: 'name',
          rule: 'minLength',
          params: { limit: 1 },
          message: 'must not be empty',
        },
        {
          in: 'body',
          field: 'age',
          rule: 'maximum',
          params: { comparison: '<=', limit: 150 },
          message: 'must be 150 or less',
        },
        {
          in: 'body',
          field: 'email',
          rule: 'format',
          params: { format: 'email' },
          message: 'must be an email address, like name@example.com',
        },
        {
          in: 'body',
          field: 'nmae',
          rule: 'additionalProperties',
          params: { additionalProperty: 'nmae' },
          message: 'is not a field this request takes',
        },
      ]),
    )
    expect(res.json().details).toHaveLength(4)
  })

  it('names a missing field and the type a field must have', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { age: 'five', email: 'a@b.co' },
    })
    expect(res.json().details).toEqual([
      {
        in: 'body',
        field: 'name',
        rule: 'required',
        params: { missingProperty: 'name' },
        message: 'is required',
      },
      {
        in: 'body',
        field: 'age',
        rule: 'type',
        params: { type: 'integer' },
        message: 'must be a whole number',
      },
    ])
  })

  it("carry a handler's named rule across fields, as the handler gave it", async () => {
    ;({ app } = await buildTestService())
    app.post('/dates', async () => {
      throw new InvalidInputError([
        {
          in: 'body',
          field: 'endDate',
          rule: 'endBeforeStart',
          message: 'must be on or after the start date',
        },
      ])
    })
    const res = await app.inject({ method: 'POST', url: '/dates' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'endDate must be on or after the start date',
      details: [
        {
          in: 'body',
          field: 'endDate',
          rule: 'endBeforeStart',
          message: 'must be on or after the start date',
        },
      ],
    })
  })
})
