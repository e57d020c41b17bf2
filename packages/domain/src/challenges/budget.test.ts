import { describe, expect, it } from 'vitest'
import { budgetTotalCents, eurosToCents, isValidPercent } from './budget'

describe('eurosToCents', () => {
  it('converts amounts with up to two decimals exactly', () => {
    expect(eurosToCents(0)).toBe(0)
    expect(eurosToCents(12.5)).toBe(1250)
    expect(eurosToCents(0.29)).toBe(29)
    expect(eurosToCents(0.1 + 0.2)).toBe(30)
    expect(eurosToCents(125_000.99)).toBe(12_500_099)
  })
  it('refuses more than two decimals, negatives, non-finite and absurd amounts', () => {
    expect(eurosToCents(1.005)).toBeUndefined()
    expect(eurosToCents(-1)).toBeUndefined()
    expect(eurosToCents(Number.NaN)).toBeUndefined()
    expect(eurosToCents(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(eurosToCents(1e11)).toBeUndefined()
  })
})

describe('budgetTotalCents', () => {
  it('sums the lines in cents, without float drift', () => {
    expect(budgetTotalCents([])).toBe(0)
    expect(budgetTotalCents([{ amountCents: 10 }, { amountCents: 20 }, { amountCents: 5_000_000 }])).toBe(5_000_030)
  })
})

describe('isValidPercent', () => {
  it('accepts 0–100 with two decimals', () => {
    expect(isValidPercent(0)).toBe(true)
    expect(isValidPercent(5.25)).toBe(true)
    expect(isValidPercent(100)).toBe(true)
    expect(isValidPercent(100.01)).toBe(false)
    expect(isValidPercent(-0.5)).toBe(false)
    expect(isValidPercent(3.333)).toBe(false)
  })
})
