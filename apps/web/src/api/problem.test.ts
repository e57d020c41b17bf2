import { describe, expect, it } from 'vitest'
import { fieldNameOf, isProblem, retryAfterSeconds, sortProblemErrors } from './problem'

describe('fieldNameOf', () => {
  it.each([
    ['/email', 'email'],
    ['email', 'email'],
    ['/body/email', 'email'],
    ['body.kvkNumber', 'kvkNumber'],
    ['/members/0/role', 'members'],
    ['', ''],
  ])('%s → %s', (pointer, name) => {
    expect(fieldNameOf(pointer)).toBe(name)
  })
})

describe('sortProblemErrors', () => {
  it('puts errors on the form fields it knows and keeps the rest apart', () => {
    const sorted = sortProblemErrors(
      {
        title: 'Bad Request',
        status: 400,
        errors: [
          { field: '/email', message: 'unavailable', code: 'auth.email_unavailable' },
          { field: '/password', message: 'too short', code: 'minLength' },
          { field: '/password', message: 'second one is dropped', code: 'x' },
          { field: '/captcha', message: 'unknown field', code: 'x' },
        ],
      },
      ['name', 'email', 'password'] as const,
    )
    expect(sorted.fields.email?.code).toBe('auth.email_unavailable')
    expect(sorted.fields.password?.message).toBe('too short')
    expect(sorted.fields.name).toBeUndefined()
    expect(sorted.other.map((e) => e.message)).toEqual(['second one is dropped', 'unknown field'])
  })
})

describe('isProblem', () => {
  it('recognises problem details and rejects other bodies', () => {
    expect(isProblem({ title: 'Not Found', status: 404 })).toBe(true)
    expect(isProblem({ message: 'x' })).toBe(false)
    expect(isProblem(null)).toBe(false)
  })
})

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2025-01-01T12:00:00Z')
    expect(retryAfterSeconds('30', now)).toBe(30)
    expect(retryAfterSeconds('Wed, 01 Jan 2025 12:01:00 GMT', now)).toBe(60)
    expect(retryAfterSeconds(null, now)).toBeNull()
    expect(retryAfterSeconds('soon', now)).toBeNull()
  })
})
