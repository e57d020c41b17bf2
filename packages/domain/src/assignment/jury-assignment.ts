import { solveMinCostFlow } from './min-cost-flow'

/**
 * Jury assignment: every proposal gets exactly k distinct jurors, no juror gets more than their
 * maxLoad, no conflicted (or chair-excluded) pair is used, pairs fixed by the chair are kept.
 *
 * Preference, lexicographic:
 *   1. maximise the total SDG match, where match(p, j) = |goals(p) ∩ expertise(j)|, the number of
 *      the proposal's distinct SDG goals the juror is expert in (an integer 0..17; we prefer it
 *      over Jaccard because it does not punish a juror for broad expertise and keeps costs integer);
 *   2. among those, spread the work: minimise Σ_j load_j·(load_j − 1)/2, i.e. the t-th proposal a
 *      juror gets costs t − 1. That penalty is convex, so it prefers 10+10 over 19+1.
 *
 * Network (min-cost max-flow):
 *   source → proposal p   capacity k − (pairs fixed on p), cost 0
 *   proposal p → juror j  capacity 1, cost −W·match(p, j)   (only allowed, not yet fixed pairs)
 *   juror j → sink        one unit arc per free load slot t = f_j+1 … min(maxLoad_j, |P|),
 *                         cost t − 1 (f_j = pairs fixed on j, which already use the first slots)
 * Capacity 1 on proposal → juror makes the k jurors distinct; a full flow of Σ(k − fixed) is a
 * valid assignment and vice versa, and unit arcs of increasing cost realise the convex penalty.
 *
 * Why the weight W makes match dominate: let F = k·|P| and C = max_j min(maxLoad_j, |P|). Every
 * assignment has penalty Σ load_j(load_j−1)/2 ≤ Σ load_j·(C−1)/2 = F·(C−1)/2 =: B (and ≥ 0).
 * With W = ⌊B⌋ + 1 > B, if assignment A has more total match than A', the difference is an
 * integer ≥ 1, so cost(A) − cost(A') ≤ −W + B < 0: A is always cheaper. Hence the min-cost
 * flow maximises match first and, among maximum-match assignments, minimises the penalty.
 */

export interface AssignmentProposal {
  id: string
  sdgGoals: readonly number[]
}

export interface AssignmentJuror {
  id: string
  sdgExpertise: readonly number[]
  maxLoad: number
}

export interface JurorProposalPair {
  jurorId: string
  proposalId: string
}

export interface AssignJurorsInput {
  proposals: readonly AssignmentProposal[]
  jurors: readonly AssignmentJuror[]
  k: number
  /** Declared and automatic conflicts of interest; ids not in the pool are ignored. */
  conflicts: readonly JurorProposalPair[]
  /** Pairs the chair forced by a manual swap; they are kept and count towards k and maxLoad. */
  fixed?: readonly JurorProposalPair[]
  /** Pairs the chair ruled out by a manual swap; ids not in the pool are ignored. */
  forbidden?: readonly JurorProposalPair[]
}

export interface JurorAssignment {
  proposalId: string
  jurorId: string
  matchScore: number
  reason: { sharedGoals: number[] }
  fixed: boolean
}

export interface JurorLoad {
  jurorId: string
  load: number
  maxLoad: number
}

export interface AssignmentObjective {
  /** Σ match over all assigned pairs (maximised first). */
  totalMatch: number
  /** Σ_j load_j·(load_j − 1)/2 (minimised second). */
  spreadPenalty: number
}

export type FixedPairProblem =
  | 'unknown_proposal'
  | 'unknown_juror'
  | 'duplicate'
  | 'conflicted'
  | 'forbidden'
  | 'proposal_over_k'
  | 'juror_over_max_load'

export interface FixedPairIssue {
  problem: FixedPairProblem
  /** Absent for 'proposal_over_k'. */
  jurorId?: string
  /** Absent for 'juror_over_max_load'. */
  proposalId?: string
}

export type AssignmentFailure =
  | { ok: false; reason: 'invalid_input'; message: string; details: { problems: string[] } }
  | { ok: false; reason: 'fixed_pairs'; message: string; details: { problems: FixedPairIssue[] } }
  | { ok: false; reason: 'k_exceeds_jurors'; message: string; details: { k: number; availableJurors: number } }
  | {
      ok: false
      reason: 'capacity'
      message: string
      details: {
        proposalCount: number
        k: number
        /** k·|P| */
        reviewsNeeded: number
        /** Σ maxLoad */
        totalMaxLoad: number
        /** Σ min(maxLoad, |P|): a juror can review each proposal only once. */
        usableCapacity: number
      }
    }
  | {
      ok: false
      reason: 'conflicts'
      message: string
      details: {
        proposalIds: string[]
        proposals: { proposalId: string; needed: number; eligibleJurors: number }[]
        /**
         * Present when each proposal has enough eligible jurors on its own but together they
         * compete for the same few jurors: the bottleneck found by a minimum cut.
         */
        group?: { reviewsNeeded: number; reviewsAvailable: number; jurorIds: string[] }
      }
    }

export type AssignJurorsResult =
  | { ok: true; assignments: JurorAssignment[]; objective: AssignmentObjective; loadPerJuror: JurorLoad[] }
  | AssignmentFailure

export function matchDetails({ sdgGoals, sdgExpertise }: { sdgGoals: readonly number[]; sdgExpertise: readonly number[] }): {
  matchScore: number
  sharedGoals: number[]
} {
  const expertise = new Set(sdgExpertise)
  const sharedGoals = [...new Set(sdgGoals)].filter((g) => expertise.has(g)).sort((a, b) => a - b)
  return { matchScore: sharedGoals.length, sharedGoals }
}

export function assignJurors(input: AssignJurorsInput): AssignJurorsResult {
  const { proposals, jurors, k } = input
  const fixedPairs = input.fixed ?? []
  const P = proposals.length
  const J = jurors.length

  const problems: string[] = []
  if (!Number.isInteger(k) || k < 1) problems.push(`k must be a positive integer, got ${k}`)
  const proposalIndex = indexIds(proposals, 'proposal', problems)
  const jurorIndex = indexIds(jurors, 'juror', problems)
  for (const j of jurors) {
    if (!Number.isInteger(j.maxLoad) || j.maxLoad < 0) problems.push(`juror ${j.id}: maxLoad must be a non-negative integer, got ${j.maxLoad}`)
  }
  if (problems.length > 0) return { ok: false, reason: 'invalid_input', message: problems.join('; '), details: { problems } }

  const pairKey = (p: number, j: number) => p * J + j
  const toKeys = (pairs: readonly JurorProposalPair[]) => {
    const keys = new Set<number>()
    for (const { jurorId, proposalId } of pairs) {
      const p = proposalIndex.get(proposalId)
      const j = jurorIndex.get(jurorId)
      if (p !== undefined && j !== undefined) keys.add(pairKey(p, j))
    }
    return keys
  }
  const conflicted = toKeys(input.conflicts)
  const forbidden = toKeys(input.forbidden ?? [])

  // Fixed pairs first: they are decided, so they only shrink the remaining demand and capacity.
  const fixedKeys = new Set<number>()
  const fixedOnProposal = new Int32Array(P)
  const fixedOnJuror = new Int32Array(J)
  const fixedProblems: FixedPairIssue[] = []
  for (const pair of fixedPairs) {
    const p = proposalIndex.get(pair.proposalId)
    const j = jurorIndex.get(pair.jurorId)
    if (p === undefined || j === undefined) {
      fixedProblems.push({ ...pair, problem: p === undefined ? 'unknown_proposal' : 'unknown_juror' })
      continue
    }
    const key = pairKey(p, j)
    const problem: FixedPairProblem | null =
      fixedKeys.has(key) ? 'duplicate' : conflicted.has(key) ? 'conflicted' : forbidden.has(key) ? 'forbidden' : null
    if (problem) {
      fixedProblems.push({ jurorId: pair.jurorId, proposalId: pair.proposalId, problem })
      continue
    }
    fixedKeys.add(key)
    fixedOnProposal[p]!++
    fixedOnJuror[j]!++
  }
  proposals.forEach((proposal, p) => {
    if (fixedOnProposal[p]! > k) fixedProblems.push({ proposalId: proposal.id, problem: 'proposal_over_k' })
  })
  jurors.forEach((juror, j) => {
    if (fixedOnJuror[j]! > juror.maxLoad) fixedProblems.push({ jurorId: juror.id, problem: 'juror_over_max_load' })
  })
  if (fixedProblems.length > 0) {
    return {
      ok: false,
      reason: 'fixed_pairs',
      message: `${fixedProblems.length} fixed pair problem(s): ${fixedProblems.map((f) => `${f.problem} (${[f.jurorId, f.proposalId].filter(Boolean).join(' / ')})`).join(', ')}`,
      details: { problems: fixedProblems },
    }
  }

  if (P === 0) return { ok: true, assignments: [], objective: { totalMatch: 0, spreadPenalty: 0 }, loadPerJuror: loads(jurors, new Int32Array(J)) }

  const availableJurors = jurors.filter((j) => j.maxLoad > 0).length
  if (k > availableJurors) {
    return {
      ok: false,
      reason: 'k_exceeds_jurors',
      message: `each proposal needs ${k} distinct jurors, but only ${availableJurors} juror(s) can take proposals`,
      details: { k, availableJurors },
    }
  }

  // With every pair allowed, Σ min(maxLoad, |P|) ≥ k·|P| is also sufficient (the cut function
  // Σ_j min(x, cap_j) − k·x is concave in the number x of proposals cut off), so a shortfall
  // that survives this check is caused by conflicts, exclusions or fixed pairs.
  const slots = jurors.map((j) => Math.min(j.maxLoad, P))
  const reviewsNeeded = k * P
  const usableCapacity = slots.reduce((a, b) => a + b, 0)
  if (usableCapacity < reviewsNeeded) {
    const totalMaxLoad = jurors.reduce((a, j) => a + j.maxLoad, 0)
    return {
      ok: false,
      reason: 'capacity',
      message:
        `${P} proposals × k=${k} need ${reviewsNeeded} reviews, but the jurors can take at most ${usableCapacity}` +
        (usableCapacity < totalMaxLoad ? ` (Σ maxLoad = ${totalMaxLoad}, but a juror reviews each proposal at most once)` : ''),
      details: { proposalCount: P, k, reviewsNeeded, totalMaxLoad, usableCapacity },
    }
  }

  // One byte per pair: the eligibility test runs twice over all |P|·|J| pairs (2.5M at scale),
  // where hashing every lookup would dominate the time spent outside the solver.
  const blocked = new Uint8Array(P * J)
  for (const key of conflicted) blocked[key] = 1
  for (const key of forbidden) blocked[key] = 1
  for (const key of fixedKeys) blocked[key] = 1
  const allowed = (p: number, j: number) => blocked[pairKey(p, j)] === 0 && slots[j]! - fixedOnJuror[j]! > 0
  const matchOf = createMatchCounter({ proposals, jurors })

  const eligible = new Int32Array(P)
  let pairCount = 0
  for (let p = 0; p < P; p++) {
    let count = fixedOnProposal[p]!
    for (let j = 0; j < J; j++) if (allowed(p, j)) count++
    eligible[p] = count
    pairCount += count - fixedOnProposal[p]!
  }
  const short = proposals.flatMap((proposal, p) => (eligible[p]! < k ? [{ proposalId: proposal.id, needed: k, eligibleJurors: eligible[p]! }] : []))
  if (short.length > 0) {
    return {
      ok: false,
      reason: 'conflicts',
      message: `too few eligible jurors (without conflict or exclusion, with room left) for ${short.map((s) => `${s.proposalId} (${s.eligibleJurors} of ${k})`).join(', ')}`,
      details: { proposalIds: short.map((s) => s.proposalId), proposals: short },
    }
  }

  const maxSlots = slots.reduce((a, b) => Math.max(a, b), 0)
  const matchWeight = Math.floor((reviewsNeeded * (maxSlots - 1)) / 2) + 1

  // Node ids: 0 source, 1 sink, 2..P+1 proposals, P+2..P+J+1 jurors.
  const source = 0
  const sink = 1
  const proposalNode = (p: number) => 2 + p
  const jurorNode = (j: number) => 2 + P + j
  let loadArcCount = 0
  for (let j = 0; j < J; j++) loadArcCount += slots[j]! - fixedOnJuror[j]!
  const arcCount = P + pairCount + loadArcCount
  const from = new Int32Array(arcCount)
  const to = new Int32Array(arcCount)
  const capacity = new Int32Array(arcCount)
  const cost = new Float64Array(arcCount)
  let a = 0
  for (let p = 0; p < P; p++) {
    from[a] = source
    to[a] = proposalNode(p)
    capacity[a] = k - fixedOnProposal[p]!
    a++
  }
  const pairArcStart = a
  const pairOf = new Int32Array(pairCount * 2)
  for (let p = 0; p < P; p++) {
    for (let j = 0; j < J; j++) {
      if (!allowed(p, j)) continue
      const match = matchOf(p, j)
      from[a] = proposalNode(p)
      to[a] = jurorNode(j)
      capacity[a] = 1
      cost[a] = -matchWeight * match
      pairOf[2 * (a - pairArcStart)] = p
      pairOf[2 * (a - pairArcStart) + 1] = j
      a++
    }
  }
  for (let j = 0; j < J; j++) {
    for (let t = fixedOnJuror[j]! + 1; t <= slots[j]!; t++) {
      from[a] = jurorNode(j)
      to[a] = sink
      capacity[a] = 1
      cost[a] = t - 1
      a++
    }
  }

  const demand = reviewsNeeded - fixedKeys.size
  const flow = solveMinCostFlow({ nodeCount: P + J + 2, source, sink, from, to, capacity, cost, flowLimit: demand })
  if (!flow.ok) {
    // Unreachable: the network has no negative cycle and small integer costs.
    return { ok: false, reason: 'invalid_input', message: flow.message, details: { problems: [flow.message] } }
  }

  if (flow.flowValue < demand) {
    // The source side of the minimum cut holds an unsatisfiable group of proposals (Hall's
    // condition fails for them): they can only reach the source-side jurors, which are full.
    const groupProposals: number[] = []
    let groupNeeded = 0
    let groupServed = 0
    for (let p = 0; p < P; p++) {
      if (flow.sourceSide[proposalNode(p)] !== 1) continue
      groupProposals.push(p)
      groupNeeded += k - fixedOnProposal[p]!
      groupServed += flow.arcFlow[p]!
    }
    const jurorIds = jurors.filter((_, j) => flow.sourceSide[jurorNode(j)] === 1).map((j) => j.id)
    const proposalIds = groupProposals.map((p) => proposals[p]!.id)
    return {
      ok: false,
      reason: 'conflicts',
      message:
        `proposals ${proposalIds.join(', ')} together need ${groupNeeded} juror places, but because of conflicts, exclusions or fixed pairs ` +
        `they can only use ${jurorIds.length === 0 ? 'no jurors' : `jurors ${jurorIds.join(', ')}`}, who have room for ${groupServed} of them`,
      details: {
        proposalIds,
        proposals: groupProposals.map((p) => ({ proposalId: proposals[p]!.id, needed: k, eligibleJurors: eligible[p]! })),
        group: { reviewsNeeded: groupNeeded, reviewsAvailable: groupServed, jurorIds },
      },
    }
  }

  const chosen: { p: number; j: number; fixed: boolean }[] = []
  for (const key of fixedKeys) chosen.push({ p: Math.floor(key / J), j: key % J, fixed: true })
  for (let i = 0; i < pairCount; i++) {
    if (flow.arcFlow[pairArcStart + i] === 1) chosen.push({ p: pairOf[2 * i]!, j: pairOf[2 * i + 1]!, fixed: false })
  }
  chosen.sort((x, y) => x.p - y.p || x.j - y.j)

  const load = new Int32Array(J)
  let totalMatch = 0
  const assignments = chosen.map(({ p, j, fixed }): JurorAssignment => {
    const proposal = proposals[p]!
    const juror = jurors[j]!
    const { matchScore, sharedGoals } = matchDetails({ sdgGoals: proposal.sdgGoals, sdgExpertise: juror.sdgExpertise })
    load[j]!++
    totalMatch += matchScore
    return { proposalId: proposal.id, jurorId: juror.id, matchScore, reason: { sharedGoals }, fixed }
  })
  let spreadPenalty = 0
  for (let j = 0; j < J; j++) spreadPenalty += (load[j]! * (load[j]! - 1)) / 2
  return { ok: true, assignments, objective: { totalMatch, spreadPenalty }, loadPerJuror: loads(jurors, load) }
}

/**
 * match(p, j) for index pairs. SDG goal numbers are few (17), so both sides become bitmasks over
 * the distinct goals proposals use and a match is a popcount; sets are the fallback if a round
 * ever used more than 31 distinct goal numbers.
 */
function createMatchCounter({ proposals, jurors }: { proposals: readonly AssignmentProposal[]; jurors: readonly AssignmentJuror[] }) {
  const bit = new Map<number, number>()
  for (const p of proposals) for (const g of p.sdgGoals) if (!bit.has(g)) bit.set(g, bit.size)
  if (bit.size > 31) {
    return (p: number, j: number) => matchDetails({ sdgGoals: proposals[p]!.sdgGoals, sdgExpertise: jurors[j]!.sdgExpertise }).matchScore
  }
  const toMask = (goals: readonly number[]) => goals.reduce((mask, g) => (bit.has(g) ? mask | (1 << bit.get(g)!) : mask), 0)
  const proposalMask = proposals.map((p) => toMask(p.sdgGoals))
  const jurorMask = jurors.map((j) => toMask(j.sdgExpertise))
  return (p: number, j: number) => popcount(proposalMask[p]! & jurorMask[j]!)
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

function indexIds(items: readonly { id: string }[], kind: string, problems: string[]): Map<string, number> {
  const index = new Map<string, number>()
  items.forEach((item, i) => {
    if (index.has(item.id)) problems.push(`duplicate ${kind} id ${item.id}`)
    else index.set(item.id, i)
  })
  return index
}

function loads(jurors: readonly AssignmentJuror[], load: Int32Array): JurorLoad[] {
  return jurors.map((j, i) => ({ jurorId: j.id, load: load[i]!, maxLoad: j.maxLoad }))
}
