import { describe, expect, it } from 'vitest'
import { krippendorffAlphaInterval } from './krippendorff-alpha'

const _ = null

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania. Reliability data with missing values: 4 observers × 12 units.
const observers: (number | null)[][] = [
  /* A */ [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  /* B */ [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  /* C */ [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  /* D */ [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
// units × coders, as the function expects
const published = observers[0]!.map((_v, u) => observers.map((o) => o[u]!))

/** Straightforward O(n²) nominal alpha, only to confirm the data above was transcribed correctly. */
function nominalAlpha(matrix: (number | null)[][]): number {
  let disagreeingPairs = 0 // Σ_u (pairs in u with different values)/(m_u − 1), ordered pairs
  const pooled: number[] = []
  for (const row of matrix) {
    const vals = row.filter((v): v is number => v !== null)
    if (vals.length < 2) continue
    pooled.push(...vals)
    let d = 0
    for (const a of vals) for (const b of vals) if (a !== b) d++
    disagreeingPairs += d / (vals.length - 1)
  }
  const n = pooled.length
  let expected = 0
  for (const a of pooled) for (const b of pooled) if (a !== b) expected++
  return 1 - ((n - 1) * disagreeingPairs) / expected
}

describe('krippendorffAlphaInterval', () => {
  it('matches the published interval alpha 0.849 (Krippendorff 2011, 4 observers × 12 units)', () => {
    const result = krippendorffAlphaInterval({ matrix: published })
    // Unit 12 has a single value and does not count: 11 pairable units, 40 pairable values.
    expect(result.pairableUnits).toBe(11)
    expect(result.pairableValues).toBe(40)
    expect(result.alpha).not.toBeNull()
    expect(result.alpha!.toFixed(3)).toBe('0.849')
    // The same data gives the published nominal alpha 0.743, so the transcription is right.
    expect(nominalAlpha(published).toFixed(3)).toBe('0.743')
  })

  it('matches a small case computed by hand', () => {
    // Units (1, 2), (3, 3), (2, 4), and (5, –) which has one value and does not count. n = 6.
    // Coincidences: unit 1 gives o_12 = o_21 = 1; unit 2 o_33 = 2; unit 3 o_24 = o_42 = 1.
    // D_o = (1/n) Σ o_ck (c − k)² = (1/6)·(1·1 + 1·1 + 1·4 + 1·4) = 10/6 = 5/3
    // n_c: value 1 ×1, 2 ×2, 3 ×2, 4 ×1 → Σ n_c n_k (c − k)² over all ordered pairs:
    //   (1,2): 1·2·1 = 2, (1,3): 1·2·4 = 8, (1,4): 1·1·9 = 9, (2,3): 2·2·1 = 4, (2,4): 2·1·4 = 8,
    //   (3,4): 2·1·1 = 2 → 33, both orders → 66; D_e = 66/(6·5) = 2.2
    // α = 1 − (5/3)/2.2 = 1 − 25/33 = 8/33 = 0.242424…
    const result = krippendorffAlphaInterval({
      matrix: [
        [1, 2],
        [3, 3],
        [2, 4],
        [5, null],
      ],
    })
    expect(result.observedDisagreement).toBeCloseTo(5 / 3, 12)
    expect(result.expectedDisagreement).toBeCloseTo(2.2, 12)
    expect(result.alpha).toBeCloseTo(8 / 33, 12)
    expect(result.reason).toBeNull()
  })

  it('is 1 under perfect agreement', () => {
    const result = krippendorffAlphaInterval({
      matrix: [
        [1, 1, 1],
        [4, 4, null],
        [7.5, 7.5, 7.5],
      ],
    })
    expect(result.alpha).toBe(1)
    expect(result.observedDisagreement).toBe(0)
  })

  it('returns null with a reason, not NaN, when every value is the same (D_e = 0)', () => {
    const result = krippendorffAlphaInterval({
      matrix: [
        [3, 3],
        [3, 3, 3],
        [3, null],
      ],
    })
    expect(result).toEqual({
      alpha: null,
      reason: 'no_variation',
      pairableValues: 5,
      pairableUnits: 2,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    })
  })

  it('returns null when no unit has two values', () => {
    const result = krippendorffAlphaInterval({ matrix: [[1, null], [null, 2], []] })
    expect(result.alpha).toBeNull()
    expect(result.reason).toBe('no_pairable_units')
  })

  it('gives the same answer for ragged rows as for null-padded rows', () => {
    const ragged = published.map((row) => row.filter((v) => v !== null))
    expect(krippendorffAlphaInterval({ matrix: ragged }).alpha).toBeCloseTo(
      krippendorffAlphaInterval({ matrix: published }).alpha!,
      12,
    )
  })

  it('is below 0 when disagreement exceeds chance', () => {
    // (1, 3), (3, 1): D_o = (1/4)·(2·4 + 2·4) = 4; pooled 1,3,3,1 → D_e = 2·4/3 = 8/3; α = 1 − 4/(8/3) = −0.5
    expect(krippendorffAlphaInterval({ matrix: [[1, 3], [3, 1]] }).alpha).toBeCloseTo(-0.5, 12)
  })
})
