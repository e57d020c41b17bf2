import type { Criterion, Scorecard } from './types'

// Means of raw scores are sums divided by n, so 1, 1, 4.6 averages to 2.1999999999999997; a knock-out must
// not fire on that rounding noise.
const TOLERANCE = 1e-9

export function isBelowThreshold({ mean, threshold }: { mean: number; threshold?: number | null }): boolean {
  return threshold != null && mean < threshold - TOLERANCE
}

/**
 * Knock-out check for one proposal: the mean raw score per criterion over its counted scorecards,
 * and the criteria (in criteria order) whose mean is below their threshold.
 */
export function thresholdFailures({
  criteria,
  scorecards,
}: {
  criteria: readonly Criterion[]
  /** The proposal's counted (submitted, complete) scorecards. */
  scorecards: readonly Scorecard[]
}): { failures: string[]; meanRawScores: Map<string, number> } {
  const meanRawScores = new Map<string, number>()
  const failures: string[] = []
  if (scorecards.length === 0) return { failures, meanRawScores }
  for (const c of criteria) {
    let sum = 0
    for (const card of scorecards) {
      const s = Object.hasOwn(card.scores, c.id) ? card.scores[c.id] : undefined
      if (typeof s !== 'number' || !Number.isFinite(s)) {
        throw new RangeError(`scorecard ${card.jurorId}/${card.proposalId} has no score for ${c.id}`)
      }
      sum += s
    }
    const mean = sum / scorecards.length
    meanRawScores.set(c.id, mean)
    if (isBelowThreshold({ mean, threshold: c.threshold })) failures.push(c.id)
  }
  return { failures, meanRawScores }
}
