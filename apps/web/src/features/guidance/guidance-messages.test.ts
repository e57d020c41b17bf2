import { describe, expect, it } from 'vitest'
import { guidanceFieldError, guidanceMessage } from './guidance-messages'

describe('guidance messages', () => {
  it('uses the feature’s own wording for guidance codes', () => {
    expect(guidanceMessage({ title: 'Forbidden', status: 403, code: 'guidance.forbidden', detail: 'Only admins…' })).toEqual({ key: 'guidance.apiErrors.forbidden', fallback: 'Only admins…' })
    expect(guidanceMessage({ title: 'Not found', status: 404, code: 'municipalities.not_found' })).toMatchObject({ key: 'guidance.apiErrors.notFound' })
    expect(guidanceMessage({ title: 'Conflict', status: 409, code: 'resource.version_conflict', detail: 'x' })).toEqual({ key: 'apiErrors.resource.version_conflict', fallback: 'x' })
  })
  it('finds the field of a slug or empty-text problem', () => {
    expect(guidanceFieldError({ title: 'x', status: 409, code: 'guidance.slug_taken', errors: [{ field: '/slug', code: 'guidance.slug_taken', message: 'm' }] })).toEqual({ field: 'slug', message: { key: 'guidance.editor.slugTaken' } })
    expect(guidanceFieldError({ title: 'x', status: 400, code: 'request.invalid', errors: [{ field: '/markdown', code: 'guidance.markdown_empty', message: 'm' }] })).toEqual({ field: 'markdown', message: { key: 'guidance.apiErrors.markdownEmpty' } })
    expect(guidanceFieldError({ title: 'x', status: 400, code: 'request.invalid', errors: [{ field: '/title', code: 'maxLength', message: 'm' }] })).toBeNull()
  })
})
