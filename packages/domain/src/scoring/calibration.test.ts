import { describe, expect, it } from 'vitest'
import { calibrateTotals } from './calibration'

type T = { jurorId: string; proposalId: string; total: number }
const totalsOf = (jurorId: string, values: number[]): T[] =>
  values.map((total, i) => ({ jurorId, proposalId: `p${i + 1}`, total }))

const calibratedOf = (result: ReturnType<typeof calibrateTotals>, jurorId: string) =>
  result.totals.filter((t) => t.jurorId === jurorId).map((t) => t.calibrated)

describe('calibrateTotals', () => {
  it('maps a lenient and a strict juror onto the pooled scale', () => {
    // A: 40, 50, 60 → μ_A = 50, σ_A = sqrt((100 + 0 + 100)/3) = sqrt(200/3) = 8.16497
    // B: 60, 70, 80 → μ_B = 70, σ_B = 8.16497
    // pooled 40, 50, 60, 60, 70, 80 → μ = 60, SS = 400+100+0+0+100+400 = 1000, σ = sqrt(1000/6) = 12.90994
    // σ/σ_A = sqrt((1000/6)/(200/3)) = sqrt(2.5) = 1.581139
    // C_A = 60 + 1.581139·(R − 50): 40 → 44.18861, 50 → 60, 60 → 75.81139; B the same at 60, 70, 80.
    const result = calibrateTotals({ totals: [...totalsOf('A', [40, 50, 60]), ...totalsOf('B', [60, 70, 80])] })
    expect(result.pooledMean).toBeCloseTo(60, 10)
    expect(result.pooledSd).toBeCloseTo(12.90994, 5)
    for (const juror of ['A', 'B']) {
      const c = calibratedOf(result, juror)
      expect(c[0]).toBeCloseTo(44.18861, 5)
      expect(c[1]).toBeCloseTo(60, 10)
      expect(c[2]).toBeCloseTo(75.81139, 5)
    }
    expect(result.uncalibratedJurors).toEqual([])
    // raw values are carried through untouched, in input order
    expect(result.totals.map((t) => t.raw)).toEqual([40, 50, 60, 60, 70, 80])
  })

  it('keeps a juror with 2 proposals at R, names them, but counts their totals in the pool', () => {
    // A: 40, 50, 60 (μ_A = 50, σ_A² = 200/3); C: 55, 65 (only 2 proposals → C = R)
    // pooled 40, 50, 60, 55, 65: sum 270 → μ = 54
    //   SS = 196 + 16 + 36 + 1 + 121 = 370 → σ = sqrt(370/5) = sqrt(74) = 8.602325
    // σ/σ_A = sqrt(74/(200/3)) = sqrt(1.11) = 1.053565
    // C_A: 40 → 54 − 10.53565 = 43.46435; 50 → 54; 60 → 64.53565
    const result = calibrateTotals({ totals: [...totalsOf('A', [40, 50, 60]), ...totalsOf('C', [55, 65])] })
    expect(result.pooledMean).toBeCloseTo(54, 10)
    expect(result.pooledSd).toBeCloseTo(8.602325, 5)
    const a = calibratedOf(result, 'A')
    expect(a[0]).toBeCloseTo(43.46435, 5)
    expect(a[1]).toBeCloseTo(54, 10)
    expect(a[2]).toBeCloseTo(64.53565, 5)
    expect(calibratedOf(result, 'C')).toEqual([55, 65])
    expect(result.uncalibratedJurors).toEqual([{ jurorId: 'C', reason: 'too_few_proposals' }])
  })

  it('keeps a juror with σ_j = 0 at R and names them', () => {
    // A: 40, 50, 60; D: 55, 55, 55 (σ_D = 0)
    // pooled 40, 50, 60, 55, 55, 55: μ = 315/6 = 52.5
    //   SS = 156.25 + 6.25 + 56.25 + 3·6.25 = 237.5 → σ = sqrt(237.5/6) = 6.291529
    // C_A(40) = 52.5 + 6.291529·(40 − 50)/8.164966 = 52.5 − 7.705517 = 44.794483
    const result = calibrateTotals({ totals: [...totalsOf('A', [40, 50, 60]), ...totalsOf('D', [55, 55, 55])] })
    expect(calibratedOf(result, 'A')[0]).toBeCloseTo(44.794483, 5)
    expect(calibratedOf(result, 'A')[1]).toBeCloseTo(52.5, 10)
    expect(calibratedOf(result, 'D')).toEqual([55, 55, 55])
    expect(result.uncalibratedJurors).toEqual([{ jurorId: 'D', reason: 'zero_deviation' }])
  })

  it('names uncalibrated jurors in id order, too-few taking precedence over zero deviation', () => {
    const result = calibrateTotals({
      totals: [...totalsOf('z', [70, 70]), ...totalsOf('m', [10, 20, 30]), ...totalsOf('b', [50, 50, 50])],
    })
    expect(result.uncalibratedJurors).toEqual([
      { jurorId: 'b', reason: 'zero_deviation' },
      { jurorId: 'z', reason: 'too_few_proposals' },
    ])
  })

  it('rejects two totals for the same juror and proposal', () => {
    expect(() =>
      calibrateTotals({
        totals: [
          { jurorId: 'A', proposalId: 'p1', total: 10 },
          { jurorId: 'A', proposalId: 'p1', total: 20 },
        ],
      }),
    ).toThrow(RangeError)
  })
})
