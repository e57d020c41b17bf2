import { describe, expect, it } from 'vitest'
import { parseDutchNumber } from './dutch-number'

describe('parseDutchNumber', () => {
  it.each([
    ['30.000', 30_000],
    ['1.250.000', 1_250_000],
    ['30.000,00', 30_000],
    ['1.250,50', 1250.5],
    ['1250,5', 1250.5],
    ['€ 15.000,50', 15_000.5],
    ['42', 42],
    ['12.50', 12.5],
    ['12.5', 12.5],
    ['-3,5', -3.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseDutchNumber(text)).toBe(value)
  })

  it('returns null for empty input', () => {
    expect(parseDutchNumber('  ')).toBeNull()
  })

  it.each(['30.00.0', '1.2345', 'abc', '3,5,1', '1.000.00', '12.345,6.7'])('refuses %s instead of guessing', (text) => {
    expect(parseDutchNumber(text)).toBeUndefined()
  })
})
