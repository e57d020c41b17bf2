import type { Criterion, IgnoredReason, IgnoredScorecard, Scorecard } from './types'

/** Why a scorecard does not count, or null when it is submitted and complete. */
export function ignoredReason({
  criteria,
  scorecard,
}: {
  criteria: readonly Criterion[]
  scorecard: Scorecard
}): IgnoredReason | null {
  if (!scorecard.submitted) return 'not_submitted'
  let outOfRange = false
  for (const c of criteria) {
    // hasOwn: a criterion id like "toString" must not read an inherited property.
    const s = Object.hasOwn(scorecard.scores, c.id) ? scorecard.scores[c.id] : undefined
    if (typeof s !== 'number' || !Number.isFinite(s)) return 'incomplete'
    if (s < c.scaleMin || s > c.scaleMax) outOfRange = true
  }
  return outOfRange ? 'out_of_range' : null
}

/** Splits scorecards into those that count (submitted and complete) and those ignored, with the reason. */
export function countedScorecards({
  criteria,
  scorecards,
}: {
  criteria: readonly Criterion[]
  scorecards: readonly Scorecard[]
}): { counted: Scorecard[]; ignored: IgnoredScorecard[] } {
  const counted: Scorecard[] = []
  const ignored: IgnoredScorecard[] = []
  for (const scorecard of scorecards) {
    const reason = ignoredReason({ criteria, scorecard })
    if (reason === null) counted.push(scorecard)
    else ignored.push({ jurorId: scorecard.jurorId, proposalId: scorecard.proposalId, reason })
  }
  return { counted, ignored }
}
