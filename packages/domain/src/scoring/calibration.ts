import { compareIds } from './ids'
import type { UncalibratedJuror, UncalibratedReason } from './types'

const MIN_PROPOSALS = 3

export const JUROR_CALIBRATED = 0
export const JUROR_TOO_FEW = 1
export const JUROR_ZERO_DEVIATION = 2
export const JUROR_ABSENT = 3

/**
 * Index-based core shared by calibrateTotals and the round pipeline, so there is one implementation.
 * totals[i] belongs to juror jurorOf[i]; entries of skipJuror (leave-one-out) are left out entirely
 * (their calibrated value is NaN and they do not enter the pooled statistics).
 */
export function calibrateIndexed({
  totals,
  jurorOf,
  jurorCount,
  skipJuror = -1,
}: {
  totals: ArrayLike<number>
  jurorOf: ArrayLike<number>
  jurorCount: number
  skipJuror?: number
}): { calibrated: Float64Array; status: Uint8Array; pooledMean: number; pooledSd: number } {
  const n = totals.length
  const count = new Float64Array(jurorCount)
  const sum = new Float64Array(jurorCount)
  const first = new Float64Array(jurorCount)
  const varies = new Uint8Array(jurorCount)
  let pooledN = 0
  let pooledSum = 0
  for (let i = 0; i < n; i++) {
    const j = jurorOf[i] as number
    if (j === skipJuror) continue
    const r = totals[i] as number
    if (count[j] === 0) first[j] = r
    else if (r !== first[j]) varies[j] = 1
    count[j]! += 1
    sum[j]! += r
    pooledN += 1
    pooledSum += r
  }
  const jurorMean = new Float64Array(jurorCount)
  for (let j = 0; j < jurorCount; j++) if (count[j]! > 0) jurorMean[j] = sum[j]! / count[j]!
  const pooledMean = pooledN > 0 ? pooledSum / pooledN : 0
  // Second pass: squared deviations (two-pass for accuracy).
  const ss = new Float64Array(jurorCount)
  let pooledSs = 0
  for (let i = 0; i < n; i++) {
    const j = jurorOf[i] as number
    if (j === skipJuror) continue
    const r = totals[i] as number
    const d = r - jurorMean[j]!
    ss[j]! += d * d
    const dp = r - pooledMean
    pooledSs += dp * dp
  }
  const pooledSd = pooledN > 0 ? Math.sqrt(pooledSs / pooledN) : 0

  const status = new Uint8Array(jurorCount)
  const jurorSd = new Float64Array(jurorCount)
  for (let j = 0; j < jurorCount; j++) {
    if (count[j] === 0) status[j] = JUROR_ABSENT
    else if (count[j]! < MIN_PROPOSALS) status[j] = JUROR_TOO_FEW
    // Exact test on the values, not σ_j === 0, which rounding can miss.
    else if (varies[j] === 0) status[j] = JUROR_ZERO_DEVIATION
    else {
      status[j] = JUROR_CALIBRATED
      jurorSd[j] = Math.sqrt(ss[j]! / count[j]!)
    }
  }

  const calibrated = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const j = jurorOf[i] as number
    const r = totals[i] as number
    if (j === skipJuror) calibrated[i] = Number.NaN
    else if (status[j] === JUROR_CALIBRATED) {
      calibrated[i] = pooledMean + (pooledSd * (r - jurorMean[j]!)) / jurorSd[j]!
    } else calibrated[i] = r
  }
  return { calibrated, status, pooledMean, pooledSd }
}

export function uncalibratedReason(status: number): UncalibratedReason | null {
  if (status === JUROR_TOO_FEW) return 'too_few_proposals'
  if (status === JUROR_ZERO_DEVIATION) return 'zero_deviation'
  return null
}

export interface CalibratedTotal {
  jurorId: string
  proposalId: string
  raw: number
  calibrated: number
}

/**
 * z-score calibration: C = μ + σ·(R − μ_j)/σ_j with per-juror μ_j, σ_j and pooled μ, σ over all
 * totals of the round (population sd). Jurors with < 3 totals or σ_j = 0 keep C = R and are named.
 * Output keeps the input order; uncalibratedJurors is ordered by jurorId.
 */
export function calibrateTotals({
  totals,
}: {
  totals: readonly { jurorId: string; proposalId: string; total: number }[]
}): {
  totals: CalibratedTotal[]
  uncalibratedJurors: UncalibratedJuror[]
  pooledMean: number
  pooledSd: number
} {
  const jurorIndex = new Map<string, number>()
  const jurorIds: string[] = []
  const seen = new Set<string>()
  const jurorOf = new Int32Array(totals.length)
  const values = new Float64Array(totals.length)
  totals.forEach((t, i) => {
    if (!Number.isFinite(t.total)) throw new RangeError(`total of ${t.jurorId}/${t.proposalId} is not finite`)
    // JSON key: unambiguous for any id strings.
    const key = JSON.stringify([t.jurorId, t.proposalId])
    if (seen.has(key)) throw new RangeError(`duplicate total for juror ${t.jurorId}, proposal ${t.proposalId}`)
    seen.add(key)
    let j = jurorIndex.get(t.jurorId)
    if (j === undefined) {
      j = jurorIds.length
      jurorIndex.set(t.jurorId, j)
      jurorIds.push(t.jurorId)
    }
    jurorOf[i] = j
    values[i] = t.total
  })
  const core = calibrateIndexed({ totals: values, jurorOf, jurorCount: jurorIds.length })
  const uncalibratedJurors: UncalibratedJuror[] = []
  jurorIds.forEach((jurorId, j) => {
    const reason = uncalibratedReason(core.status[j]!)
    if (reason) uncalibratedJurors.push({ jurorId, reason })
  })
  uncalibratedJurors.sort((a, b) => compareIds(a.jurorId, b.jurorId))
  return {
    totals: totals.map((t, i) => ({
      jurorId: t.jurorId,
      proposalId: t.proposalId,
      raw: t.total,
      calibrated: core.calibrated[i]!,
    })),
    uncalibratedJurors,
    pooledMean: core.pooledMean,
    pooledSd: core.pooledSd,
  }
}

