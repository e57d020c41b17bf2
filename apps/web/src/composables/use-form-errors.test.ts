import { describe, expect, it } from 'vitest'
import { useFormErrors } from './use-form-errors'
import { renderMessage, type Translator } from './messages'
import { email, kvkNumber, minLength, required, validate } from './validators'

const fields = ['name', 'email', 'password'] as const

const fakeTranslator: Translator = {
  t: (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key),
  te: (key) => key === 'apiErrors.auth.email_unavailable',
}

describe('useFormErrors', () => {
  it('maps problem field errors to fields and lists them in form order', () => {
    const form = useFormErrors(fields)
    form.applyProblem({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: '/password', message: 'Too short', code: 'validation.min_length' },
        { field: '/email', message: 'Email unavailable', code: 'auth.email_unavailable' },
      ],
    })
    expect(form.summaryItems.value.map((item) => item.field)).toEqual(['email', 'password'])
    expect(renderMessage(fakeTranslator, form.fieldErrors.value.email!)).toBe('apiErrors.auth.email_unavailable')
    // Unknown code: the server's own message is shown.
    expect(renderMessage(fakeTranslator, form.fieldErrors.value.password!)).toBe('Too short')
    expect(form.formErrors.value).toEqual([])
  })

  it('shows the detail of a problem without field errors as a form error', () => {
    const form = useFormErrors(fields)
    form.applyProblem({ title: 'Conflict', status: 409, detail: 'Already a member' })
    expect(form.summaryItems.value).toEqual([{ field: null, message: { text: 'Already a member' } }])
  })

  it('translates the code of a problem without field errors when a translation exists', () => {
    const form = useFormErrors(fields)
    form.applyProblem({ title: 'Conflict', status: 409, detail: 'Already a member', code: 'invitations.already_member' })
    const message = form.formErrors.value[0]!
    expect(message).toEqual({ key: 'apiErrors.invitations.already_member', fallback: 'Already a member' })
    // No translation for that key in the fake translator: the server's detail is shown.
    expect(renderMessage(fakeTranslator, message)).toBe('Already a member')
  })

  it('falls back to a generic message for bodies that are not problem details', () => {
    const form = useFormErrors(fields)
    form.applyProblem('<html>Bad gateway</html>')
    expect(form.formErrors.value).toEqual([{ key: 'common.unknownError' }])
    form.clear()
    expect(form.hasErrors.value).toBe(false)
  })
})

describe('validate', () => {
  it('returns the first failing rule per field', () => {
    const errors = validate(
      { name: '', email: 'not-an-email', password: 'short' },
      {
        name: [required('register.name')],
        email: [required('register.email'), email],
        password: [required('register.password'), minLength(10, 'register.password')],
      },
    )
    expect(errors).toEqual({
      name: { key: 'validation.required', fieldKey: 'register.name' },
      email: { key: 'validation.email' },
      password: { key: 'validation.minLength', fieldKey: 'register.password', params: { min: 10 } },
    })
  })

  it('accepts valid values and an empty optional KvK number', () => {
    expect(
      validate(
        { email: 'ada@example.org', kvk: '' },
        { email: [required('x'), email], kvk: [kvkNumber] },
      ),
    ).toEqual({})
    expect(kvkNumber('1234567')).not.toBeNull()
    expect(kvkNumber('12345678')).toBeNull()
  })

  it('renders the field label into the message', () => {
    expect(renderMessage(fakeTranslator, { key: 'validation.required', fieldKey: 'register.name' })).toBe(
      'validation.required {"field":"register.name"}',
    )
  })
})
