import { matchDetails, type AssignmentJuror, type AssignmentProposal, type JurorProposalPair } from './jury-assignment'

/**
 * Why each juror sits on each proposal, for the chair's screen. It explains any assignment, also
 * one the chair has edited by hand, so it checks instead of assuming: conflicts, exclusions and
 * overloads show up as issues. Output is structured (codes and numbers, no sentences) so the web
 * app can word it in Dutch or English.
 */

export interface ExplainAssignmentInput {
  proposals: readonly AssignmentProposal[]
  jurors: readonly AssignmentJuror[]
  assignments: readonly JurorProposalPair[]
  conflicts: readonly JurorProposalPair[]
  fixed?: readonly JurorProposalPair[]
  forbidden?: readonly JurorProposalPair[]
  /** When given, proposals without exactly k jurors are flagged. */
  k?: number
  /** How many better-matching jurors to list per pair; 3 by default. */
  maxAlternatives?: number
}

export type PairIssue = 'conflict' | 'excluded' | 'over_max_load' | 'unknown_proposal' | 'unknown_juror' | 'duplicate'

/**
 * Why a juror with a higher match for this proposal is not on it. In an optimal assignment only
 * the first three occur; 'available' means a hand edit left a better match unused.
 */
export type AlternativeStatus = 'conflict' | 'excluded' | 'at_max_load' | 'available'

export interface PairExplanation {
  proposalId: string
  jurorId: string
  matchScore: number
  /** The proposal's SDG goals the juror is expert in. */
  sharedGoals: number[]
  /** The proposal's SDG goals the juror does not cover. */
  uncoveredGoals: number[]
  jurorLoad: number
  jurorMaxLoad: number | null
  /** No declared or automatic conflict of interest exists for this pair. */
  conflictFree: boolean
  /** The chair forced this pair. */
  fixed: boolean
  betterMatches: { jurorId: string; matchScore: number; status: AlternativeStatus }[]
  issues: PairIssue[]
}

export interface AssignmentExplanation {
  pairs: PairExplanation[]
  jurors: { jurorId: string; load: number; maxLoad: number; overMaxLoad: boolean }[]
  proposals: { proposalId: string; jurorCount: number; totalMatch: number; complete: boolean | null }[]
  /** True when no pair has an issue and, if k was given, every proposal has exactly k jurors. */
  valid: boolean
}

export function explainAssignment(input: ExplainAssignmentInput): AssignmentExplanation {
  const { proposals, jurors, assignments, k } = input
  const maxAlternatives = input.maxAlternatives ?? 3
  const proposalById = new Map(proposals.map((p) => [p.id, p]))
  const jurorById = new Map(jurors.map((j) => [j.id, j]))
  const key = (jurorId: string, proposalId: string) => JSON.stringify([jurorId, proposalId])
  const conflicted = new Set(input.conflicts.map((c) => key(c.jurorId, c.proposalId)))
  const forbidden = new Set((input.forbidden ?? []).map((c) => key(c.jurorId, c.proposalId)))
  const fixed = new Set((input.fixed ?? []).map((c) => key(c.jurorId, c.proposalId)))

  const load = new Map<string, number>()
  const onProposal = new Map<string, Set<string>>()
  for (const a of assignments) {
    load.set(a.jurorId, (load.get(a.jurorId) ?? 0) + 1)
    const set = onProposal.get(a.proposalId) ?? new Set<string>()
    set.add(a.jurorId)
    onProposal.set(a.proposalId, set)
  }

  // Jurors by match, once per proposal: its k pairs share the list, and at scale (5,000 × 500)
  // recomputing it per pair would dominate.
  const expertise = new Map(jurors.map((j) => [j.id, new Set(j.sdgExpertise)]))
  const ranked = new Map<string, { juror: AssignmentJuror; matchScore: number }[]>()
  const rankedJurors = (proposal: AssignmentProposal) => {
    let list = ranked.get(proposal.id)
    if (!list) {
      const goals = [...new Set(proposal.sdgGoals)]
      list = jurors
        .map((juror) => ({ juror, matchScore: goals.filter((g) => expertise.get(juror.id)?.has(g)).length }))
        .sort((x, y) => y.matchScore - x.matchScore)
      ranked.set(proposal.id, list)
    }
    return list
  }

  const seen = new Set<string>()
  const pairs = assignments.map((a): PairExplanation => {
    const proposal = proposalById.get(a.proposalId)
    const juror = jurorById.get(a.jurorId)
    const pairKey = key(a.jurorId, a.proposalId)
    const issues: PairIssue[] = []
    if (!proposal) issues.push('unknown_proposal')
    if (!juror) issues.push('unknown_juror')
    if (conflicted.has(pairKey)) issues.push('conflict')
    if (forbidden.has(pairKey)) issues.push('excluded')
    if (juror && (load.get(juror.id) ?? 0) > juror.maxLoad) issues.push('over_max_load')
    if (seen.has(pairKey)) issues.push('duplicate')
    seen.add(pairKey)

    const goals = [...new Set(proposal?.sdgGoals ?? [])].sort((x, y) => x - y)
    const { matchScore, sharedGoals } = matchDetails({ sdgGoals: goals, sdgExpertise: juror?.sdgExpertise ?? [] })
    const betterMatches: PairExplanation['betterMatches'] = []
    if (proposal && maxAlternatives > 0) {
      const assigned = onProposal.get(proposal.id) ?? new Set<string>()
      for (const { juror: j, matchScore: score } of rankedJurors(proposal)) {
        if (score <= matchScore || betterMatches.length >= maxAlternatives) break
        if (assigned.has(j.id)) continue
        const candidateKey = key(j.id, proposal.id)
        const status: AlternativeStatus = conflicted.has(candidateKey)
          ? 'conflict'
          : forbidden.has(candidateKey)
            ? 'excluded'
            : (load.get(j.id) ?? 0) >= j.maxLoad
              ? 'at_max_load'
              : 'available'
        betterMatches.push({ jurorId: j.id, matchScore: score, status })
      }
    }
    return {
      proposalId: a.proposalId,
      jurorId: a.jurorId,
      matchScore,
      sharedGoals,
      uncoveredGoals: goals.filter((g) => !sharedGoals.includes(g)),
      jurorLoad: load.get(a.jurorId) ?? 0,
      jurorMaxLoad: juror?.maxLoad ?? null,
      conflictFree: !conflicted.has(pairKey),
      fixed: fixed.has(pairKey),
      betterMatches,
      issues,
    }
  })

  const matchOnProposal = new Map<string, number>()
  for (const pair of pairs) matchOnProposal.set(pair.proposalId, (matchOnProposal.get(pair.proposalId) ?? 0) + pair.matchScore)
  const proposalSummaries = proposals.map((p) => {
    const jurorCount = onProposal.get(p.id)?.size ?? 0
    return { proposalId: p.id, jurorCount, totalMatch: matchOnProposal.get(p.id) ?? 0, complete: k === undefined ? null : jurorCount === k }
  })
  const jurorSummaries = jurors.map((j) => {
    const jurorLoad = load.get(j.id) ?? 0
    return { jurorId: j.id, load: jurorLoad, maxLoad: j.maxLoad, overMaxLoad: jurorLoad > j.maxLoad }
  })
  return {
    pairs,
    jurors: jurorSummaries,
    proposals: proposalSummaries,
    valid: pairs.every((p) => p.issues.length === 0) && proposalSummaries.every((p) => p.complete !== false),
  }
}
