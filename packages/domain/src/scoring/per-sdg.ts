import { assertValidCriteria } from './criteria'
import { normaliseWeightVector } from './weighted-total'
import type { Criterion } from './types'

/**
 * For each SDG goal tagged on at least one criterion (ascending), the criterion weights restricted to
 * that goal's criteria and renormalised within them. Untagged criteria get weight 0, so the same
 * total R = 100 · Σ w_c·u_c gives the per-SDG total.
 */
export function sdgWeightSets({ criteria }: { criteria: readonly Criterion[] }): {
  sdgs: { goal: number; weights: Map<string, number> }[]
} {
  assertValidCriteria(criteria)
  const goals = [...new Set(criteria.flatMap((c) => c.sdgGoals))].sort((a, b) => a - b)
  return {
    sdgs: goals.map((goal) => {
      const vector = normaliseWeightVector(criteria.map((c) => (c.sdgGoals.includes(goal) ? c.weight : 0)))
      return { goal, weights: new Map(criteria.map((c, i) => [c.id, vector[i] as number])) }
    }),
  }
}
