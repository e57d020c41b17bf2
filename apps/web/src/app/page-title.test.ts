import { describe, expect, it } from 'vitest'
import { formatDocumentTitle } from './page-title'

describe('formatDocumentTitle', () => {
  it('appends the product name', () => {
    expect(formatDocumentTitle('Inloggen')).toBe('Inloggen — Opgave')
  })

  it('is just the product name without a page title', () => {
    expect(formatDocumentTitle('')).toBe('Opgave')
    expect(formatDocumentTitle(null)).toBe('Opgave')
  })
})
