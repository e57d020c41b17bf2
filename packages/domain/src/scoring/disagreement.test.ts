import { describe, expect, it } from 'vitest'
import { disagreement } from './disagreement'

describe('disagreement', () => {
  it('is the population sd of the raw totals', () => {
    // 50, 70: mean 60, deviations ±10 → sqrt((100 + 100)/2) = 10 (the sample sd would be 14.14)
    expect(disagreement({ totals: [50, 70] })).toEqual({ sd: 10, flagged: false })
    // 40, 60, 80: mean 60 → sqrt((400 + 0 + 400)/3) = sqrt(266.67) = 16.3299 > 15
    const wide = disagreement({ totals: [40, 60, 80] })
    expect(wide.sd).toBeCloseTo(16.3299, 4)
    expect(wide.flagged).toBe(true)
  })

  it('flags only strictly above the threshold', () => {
    // 35, 65 → sd exactly 15: not above 15
    expect(disagreement({ totals: [35, 65] })).toEqual({ sd: 15, flagged: false })
    expect(disagreement({ totals: [50, 70], threshold: 5 })).toEqual({ sd: 10, flagged: true })
  })

  it('is 0 for one juror or identical totals', () => {
    expect(disagreement({ totals: [72.5] })).toEqual({ sd: 0, flagged: false })
    expect(disagreement({ totals: [0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2] }).sd).toBe(0)
  })
})
