import { assertValidCriteria } from './criteria'
import type { Criterion } from './types'

/** u = (s − min) / (max − min): a raw score on 0–1. */
export function normaliseScore({
  score,
  scaleMin,
  scaleMax,
}: {
  score: number
  scaleMin: number
  scaleMax: number
}): number {
  if (!(scaleMax > scaleMin)) throw new RangeError('scaleMax must be greater than scaleMin')
  return (score - scaleMin) / (scaleMax - scaleMin)
}

/** Weights in input order, divided by their sum. Used for base weights and stability variants. */
export function normaliseWeightVector(raw: ArrayLike<number>): Float64Array {
  let sum = 0
  for (let i = 0; i < raw.length; i++) sum += raw[i] as number
  if (!(sum > 0)) throw new RangeError('weights must sum to more than 0')
  const out = new Float64Array(raw.length)
  for (let i = 0; i < raw.length; i++) out[i] = (raw[i] as number) / sum
  return out
}

/**
 * Each weight's share of their total in percent, unrounded: what "weight 3 of 7" means to a reader (the
 * challenge page, the juror's scorecard, the set-up screen, open data). Unlike the normalisation used for
 * scoring it accepts a round still being set up: with nothing weighted yet every share is 0.
 */
export function weightSharesPercent(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0)
  return weights.map((w) => (total > 0 ? (100 * w) / total : 0))
}

/** Criterion weights normalised to sum 1 over the given criteria. */
export function normaliseWeights({ criteria }: { criteria: readonly Criterion[] }): {
  weights: Map<string, number>
} {
  assertValidCriteria(criteria)
  const vector = normaliseWeightVector(criteria.map((c) => c.weight))
  return { weights: new Map(criteria.map((c, i) => [c.id, vector[i] as number])) }
}

/** R = 100 · Σ w_c·u_c for one complete scorecard. */
export function jurorTotal({
  criteria,
  scores,
}: {
  criteria: readonly Criterion[]
  scores: Readonly<Record<string, number | null>>
}): number {
  const { weights } = normaliseWeights({ criteria })
  let total = 0
  for (const c of criteria) {
    const s = Object.hasOwn(scores, c.id) ? scores[c.id] : undefined
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new RangeError(`missing score for criterion ${c.id}`)
    }
    total += (weights.get(c.id) as number) * normaliseScore({ score: s, scaleMin: c.scaleMin, scaleMax: c.scaleMax })
  }
  return 100 * total
}
