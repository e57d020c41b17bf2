/**
 * Which proposals of a ranked round advance to the next round.
 */

export interface RankedForShortlist {
  proposalId: string
  rank: number
  thresholdFailures: readonly string[]
}

export type ShortlistRule = { kind: 'top_n'; n: number } | { kind: 'passing' }

/**
 * `top_n`: the first n by rank among those passing every threshold; a tie on the boundary takes
 * everyone sharing the last rank (dropping one of two equal proposals would be arbitrary).
 * `passing`: every proposal that passes all thresholds.
 * Input order is the ranking order of computeRoundResults.
 */
export function shortlist({ ranking, rule }: { ranking: readonly RankedForShortlist[]; rule: ShortlistRule }): string[] {
  const passing = ranking.filter((p) => p.thresholdFailures.length === 0)
  if (rule.kind === 'passing') return passing.map((p) => p.proposalId)
  if (rule.n <= 0 || passing.length === 0) return []
  if (rule.n >= passing.length) return passing.map((p) => p.proposalId)
  const lastRank = passing[rule.n - 1]!.rank
  return passing.filter((p, i) => i < rule.n || p.rank === lastRank).map((p) => p.proposalId)
}

export type RankBand = 'top_10_percent' | 'top_25_percent' | 'top_50_percent' | 'bottom_50_percent'

/**
 * The band an applicant learns instead of the exact rank: position (rank) among `ranked` proposals.
 * Rank 1 is always in the top band; the band is the smallest whose share contains the rank.
 */
export function rankBand({ rank, ranked }: { rank: number; ranked: number }): RankBand {
  if (ranked <= 0 || rank < 1) throw new RangeError('rank must be ≥ 1 among at least one ranked proposal')
  if (rank === 1) return 'top_10_percent'
  const share = rank / ranked
  if (share <= 0.1) return 'top_10_percent'
  if (share <= 0.25) return 'top_25_percent'
  if (share <= 0.5) return 'top_50_percent'
  return 'bottom_50_percent'
}
