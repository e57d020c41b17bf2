import { describe, expect, it } from 'vitest'
import { dateTimeFormat, intlLocale, listFormat, numberFormat } from './intl-formats'

describe('intl-formats', () => {
  it('builds one formatter per language and options, and reuses it', () => {
    const a = dateTimeFormat('nl', { timeZone: 'Europe/Amsterdam', dateStyle: 'long' })
    expect(dateTimeFormat('nl', { timeZone: 'Europe/Amsterdam', dateStyle: 'long' })).toBe(a)
    expect(dateTimeFormat('en', { timeZone: 'Europe/Amsterdam', dateStyle: 'long' })).not.toBe(a)
    expect(dateTimeFormat('nl', { timeZone: 'Europe/Amsterdam', dateStyle: 'short' })).not.toBe(a)
  })

  it('keeps kinds apart when their options look alike', () => {
    expect(numberFormat('nl', {})).not.toBe(listFormat('nl', {}) as unknown)
    expect(numberFormat('nl', {})).toBeInstanceOf(Intl.NumberFormat)
    expect(listFormat('nl', {})).toBeInstanceOf(Intl.ListFormat)
  })

  it('formats as the language writes it', () => {
    expect(intlLocale('en')).toBe('en-GB')
    expect(intlLocale('nl')).toBe('nl-NL')
    expect(numberFormat('nl', { maximumFractionDigits: 1 }).format(12.5)).toBe('12,5')
    expect(numberFormat('en', { maximumFractionDigits: 1 }).format(12.5)).toBe('12.5')
    expect(listFormat('nl', { type: 'conjunction' }).format(['a', 'b', 'c'])).toBe('a, b en c')
  })
})
