import { describe, expect, it } from 'vitest'
import { aggregate } from './aggregation'

describe('aggregate', () => {
  it('mean', () => {
    // (60 + 70 + 95) / 3 = 75
    expect(aggregate({ values: [60, 70, 95], method: 'mean' })).toBe(75)
  })

  it('median of an odd count is the middle value', () => {
    // sorted 60, 70, 95 → 70
    expect(aggregate({ values: [70, 95, 60], method: 'median' })).toBe(70)
  })

  it('median of an even count is the mean of the two middle values', () => {
    // sorted 60, 70, 80, 95 → (70 + 80)/2 = 75
    expect(aggregate({ values: [95, 60, 80, 70], method: 'median' })).toBe(75)
  })

  it('trimmed mean with 4 values is the plain mean', () => {
    // fewer than 5 → no trimming: (10 + 60 + 70 + 100)/4 = 60
    expect(aggregate({ values: [100, 10, 70, 60], method: 'trimmed_mean' })).toBe(60)
  })

  it('trimmed mean with 5 values drops one lowest and one highest', () => {
    // drop 10 and 100 → (60 + 70 + 80)/3 = 70 (the plain mean would be 64)
    expect(aggregate({ values: [80, 10, 100, 60, 70], method: 'trimmed_mean' })).toBe(70)
    expect(aggregate({ values: [80, 10, 100, 60, 70], method: 'mean' })).toBe(64)
  })

  it('trimmed mean drops only one copy of a repeated extreme', () => {
    // 10, 10, 50, 90, 90 → drop one 10 and one 90 → (10 + 50 + 90)/3 = 50
    expect(aggregate({ values: [90, 10, 50, 10, 90], method: 'trimmed_mean' })).toBe(50)
  })

  it('does not reorder the caller’s array and rejects an empty list', () => {
    const values = [3, 1, 2]
    aggregate({ values, method: 'median' })
    expect(values).toEqual([3, 1, 2])
    expect(() => aggregate({ values: [], method: 'mean' })).toThrow(RangeError)
  })
})
