import type { AlphaResult } from './types'

function isValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/**
 * Krippendorff's alpha, interval metric (δ² = (a − b)²), coincidence-matrix formulation:
 *   α = 1 − D_o / D_e,
 *   D_o = (1/n) Σ_c Σ_k o_ck δ²_ck,          o_ck = Σ_u (c–k pairs in u) / (m_u − 1)
 *   D_e = (1/(n(n−1))) Σ_c Σ_k n_c n_k δ²_ck
 * with n the number of pairable values (values in units holding at least 2). For δ² = (a − b)² the
 * pair sums collapse to sums of squares, Σ_{i,j} (v_i − v_j)² = 2m Σ (v − v̄)², so each unit costs
 * O(m_u) and D_e O(n): no pair loops and no value × value table.
 *
 * matrix: one row per unit, one column per coder, null (or a missing cell) for no value. Rows may be
 * ragged: coder identity does not enter the interval alpha, only which values share a unit.
 * When every pairable value is the same, D_e = 0 and α is 0/0: it returns null with reason
 * 'no_variation' (the data say nothing about reliability) rather than NaN or a made-up 1.
 */
export function krippendorffAlphaInterval({
  matrix,
}: {
  matrix: ReadonlyArray<ArrayLike<number | null | undefined>>
}): AlphaResult {
  // Pass 1: pooled count, sum and range of the pairable values.
  let n = 0
  let pairableUnits = 0
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (const row of matrix) {
    let m = 0
    for (let i = 0; i < row.length; i++) if (isValue(row[i])) m++
    if (m < 2) continue
    pairableUnits++
    n += m
    for (let i = 0; i < row.length; i++) {
      const v = row[i]
      if (!isValue(v)) continue
      sum += v
      if (v < min) min = v
      if (v > max) max = v
    }
  }
  if (n === 0) {
    return {
      alpha: null,
      reason: 'no_pairable_units',
      pairableValues: 0,
      pairableUnits: 0,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    }
  }
  if (min === max) {
    return {
      alpha: null,
      reason: 'no_variation',
      pairableValues: n,
      pairableUnits,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    }
  }
  // Pass 2: squared deviations around the pooled mean and around each unit's mean (stable two-pass).
  const pooledMean = sum / n
  let pooledSs = 0
  let observedSum = 0 // Σ_u 2·m_u·SS_u / (m_u − 1) = Σ_c Σ_k o_ck δ²_ck
  for (const row of matrix) {
    let m = 0
    let unitSum = 0
    for (let i = 0; i < row.length; i++) {
      const v = row[i]
      if (isValue(v)) {
        m++
        unitSum += v
      }
    }
    if (m < 2) continue
    const unitMean = unitSum / m
    let unitSs = 0
    for (let i = 0; i < row.length; i++) {
      const v = row[i]
      if (!isValue(v)) continue
      const du = v - unitMean
      unitSs += du * du
      const dp = v - pooledMean
      pooledSs += dp * dp
    }
    observedSum += (2 * m * unitSs) / (m - 1)
  }
  const observedDisagreement = observedSum / n
  const expectedDisagreement = (2 * n * pooledSs) / (n * (n - 1))
  return {
    alpha: 1 - observedDisagreement / expectedDisagreement,
    reason: null,
    pairableValues: n,
    pairableUnits,
    observedDisagreement,
    expectedDisagreement,
  }
}
