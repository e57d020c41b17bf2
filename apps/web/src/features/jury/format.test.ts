import { describe, expect, it } from 'vitest'
import { formatDateTime, formatNumber } from './format'

describe('jury number and date formatting', () => {
  it('writes numbers as the reader’s language does, with fixed decimals, per precision', () => {
    expect(formatNumber(12.5, 'nl')).toBe('12,50')
    expect(formatNumber(12.5, 'en')).toBe('12.50')
    expect(formatNumber(0.71234, 'nl', 3)).toBe('0,712')
    expect(formatNumber(1234.5, 'nl', 1)).toBe('1.234,5')
    // The cached formatter of one precision does not leak into another.
    expect(formatNumber(12.5, 'nl')).toBe('12,50')
  })

  it('writes dates in Amsterdam time', () => {
    expect(formatDateTime('2026-11-22T23:30:00Z', 'nl')).toContain('00:30')
    expect(formatDateTime('2026-11-22T23:30:00Z', 'en')).toContain('23 Nov 2026')
  })
})
