import loadHighs from 'highs'
import { beforeAll, describe, expect, it } from 'vitest'
import { explainAssignment } from './assignment-explanation'
import { createSeededRandom, generateAssignmentInstance } from './assignment-instance-generator'
import { assignJurors, matchDetails, type AssignJurorsInput, type JurorProposalPair } from './jury-assignment'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let highs: Highs

beforeAll(async () => {
  highs = await loadHighs()
})

/**
 * The same problem as a transportation LP, written independently of the flow network:
 *   x_pj ∈ [0, 1] for allowed pairs (fixed pairs: x_pj = 1), Σ_j x_pj = k for each proposal,
 *   Σ_p x_pj = Σ_t y_jt for each juror with y_jt ∈ [0, 1], t = 1 … maxLoad, costing t − 1 each
 *   (convex, so the LP fills the cheap slots first and Σ_t (t−1)·y_jt = load(load−1)/2).
 * The constraint matrix is totally unimodular, so LP optima are integral and equal the integer
 * optimum. Lexicographic order is checked in two LPs, without any weight: first the maximum
 * match M*, then the minimum spread with Σ match·x ≥ M* (a face of an integral polytope, so also
 * integral).
 */
function solveAsLp(input: AssignJurorsInput): { feasible: false } | { feasible: true; totalMatch: number; spreadPenalty: number } {
  const pairKey = (p: JurorProposalPair) => `${p.proposalId}\u0000${p.jurorId}`
  const blocked = new Set([...input.conflicts, ...(input.forbidden ?? [])].map(pairKey))
  const fixed = new Set((input.fixed ?? []).map(pairKey))
  const x: { name: string; p: number; j: number; match: number; fixed: boolean }[] = []
  input.proposals.forEach((proposal, p) =>
    input.jurors.forEach((juror, j) => {
      const key = pairKey({ proposalId: proposal.id, jurorId: juror.id })
      if (blocked.has(key)) return
      const match = matchDetails({ sdgGoals: proposal.sdgGoals, sdgExpertise: juror.sdgExpertise }).matchScore
      x.push({ name: `x_${p}_${j}`, p, j, match, fixed: fixed.has(key) })
    }),
  )
  // A fixed pair that is not allowed cannot be placed at all.
  if ([...fixed].some((key) => !x.some((v) => v.fixed && pairKey({ proposalId: input.proposals[v.p]!.id, jurorId: input.jurors[v.j]!.id }) === key))) {
    return { feasible: false }
  }
  const y = input.jurors.flatMap((juror, j) => Array.from({ length: juror.maxLoad }, (_, t) => ({ name: `y_${j}_${t + 1}`, j, cost: t })))
  const sum = (terms: string[]) => (terms.length === 0 ? '0 x_dummy' : terms.join('\n + '))
  const matchTerms = x.map((v) => `${v.match} ${v.name}`)
  const rows = [
    ...input.proposals.map((_, p) => `p${p}: ${sum(x.filter((v) => v.p === p).map((v) => v.name))} = ${input.k}`),
    ...input.jurors.map(
      (_, j) => `j${j}: ${sum([...x.filter((v) => v.j === j).map((v) => v.name), ...y.filter((v) => v.j === j).map((v) => `- ${v.name}`)])} = 0`,
    ),
  ]
  const bounds = [...x.map((v) => (v.fixed ? `${v.name} = 1` : `0 <= ${v.name} <= 1`)), ...y.map((v) => `0 <= ${v.name} <= 1`), 'x_dummy = 0']
  const lp = (sense: string, objective: string[], extraRows: string[]) =>
    [sense, ` obj: ${sum(objective)}`, 'Subject To', ...rows, ...extraRows, 'Bounds', ...bounds, 'End'].join('\n')

  const first = highs.solve(lp('Maximize', matchTerms, []), { output_flag: false })
  if (first.Status !== 'Optimal') {
    expect(['Infeasible', 'Primal infeasible or unbounded']).toContain(first.Status)
    return { feasible: false }
  }
  const totalMatch = Math.round(first.ObjectiveValue)
  const second = highs.solve(
    lp('Minimize', y.map((v) => `${v.cost} ${v.name}`), [`m: ${sum(matchTerms)} >= ${totalMatch}`]),
    { output_flag: false },
  )
  expect(second.Status).toBe('Optimal')
  return { feasible: true, totalMatch, spreadPenalty: Math.round(second.ObjectiveValue) }
}

/** 50 seeded instances of varied shape, tight enough that some are infeasible. */
function randomInstances(): AssignJurorsInput[] {
  const random = createSeededRandom({ seed: 2024 })
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  return Array.from({ length: 50 }, (_, i) => {
    const proposalCount = int(5, 25)
    const jurorCount = int(3, 10)
    const k = int(1, Math.min(4, jurorCount))
    const fair = Math.ceil((k * proposalCount) / jurorCount)
    const instance = generateAssignmentInstance({
      seed: 1000 + i,
      proposalCount,
      jurorCount,
      k,
      maxLoad: [Math.max(0, fair - 1), fair + int(1, 5)],
      conflictRate: [0, 0.05, 0.15, 0.3][i % 4]!,
      goalsPerProposal: [1, 4],
      expertisePerJuror: [1, 8],
    })
    const allowed = instance.proposals.flatMap((p) =>
      instance.jurors.filter((j) => !instance.conflicts.some((c) => c.jurorId === j.id && c.proposalId === p.id)).map((j) => ({ proposalId: p.id, jurorId: j.id })),
    )
    const pick = (count: number) => Array.from({ length: count }, () => allowed.splice(int(0, allowed.length - 1), 1)[0]!).filter(Boolean)
    const fixed = i % 3 === 1 ? pick(int(1, 4)) : []
    const forbidden = i % 5 === 2 ? pick(int(1, 6)) : []
    return { ...instance, fixed, forbidden }
  })
}

describe('assignJurors optimality', () => {
  it('equals an independent LP optimum (HiGHS) on 50 random instances and agrees on infeasibility', () => {
    let feasible = 0
    let infeasible = 0
    for (const [i, input] of randomInstances().entries()) {
      const result = assignJurors(input)
      const lp = solveAsLp(input)
      if (!lp.feasible) {
        infeasible++
        expect({ i, ok: result.ok }).toEqual({ i, ok: false })
        continue
      }
      feasible++
      expect({ i, ok: result.ok, reason: result.ok ? null : result.message }).toEqual({ i, ok: true, reason: null })
      if (!result.ok) continue
      expect({ i, ...result.objective }).toEqual({ i, totalMatch: lp.totalMatch, spreadPenalty: lp.spreadPenalty })
    }
    // The mix matters: both outcomes must actually be exercised.
    expect(feasible).toBeGreaterThanOrEqual(25)
    expect(infeasible).toBeGreaterThanOrEqual(5)
    // Not a timing test: 100 HiGHS solves take under a second alone, but CI machines are shared.
  }, 30_000)

  it('equals the LP optimum on a larger, tightly loaded instance that needs many re-routes', () => {
    const input = generateAssignmentInstance({
      seed: 77,
      proposalCount: 150,
      jurorCount: 30,
      k: 3,
      maxLoad: [15, 17],
      conflictRate: 0.1,
      goalsPerProposal: [1, 5],
      expertisePerJuror: [1, 9],
    })
    const result = assignJurors(input)
    const lp = solveAsLp(input)
    expect(lp.feasible).toBe(true)
    expect(result.ok && result.objective).toEqual(lp.feasible && { totalMatch: lp.totalMatch, spreadPenalty: lp.spreadPenalty })
  }, 30_000)

  it('returns a valid assignment on every feasible random instance', () => {
    for (const input of randomInstances()) {
      const result = assignJurors(input)
      if (!result.ok) continue
      const pairs = new Set(result.assignments.map((a) => `${a.proposalId}\u0000${a.jurorId}`))
      expect(pairs.size).toBe(result.assignments.length)
      for (const proposal of input.proposals) {
        expect(result.assignments.filter((a) => a.proposalId === proposal.id)).toHaveLength(input.k)
      }
      for (const juror of input.jurors) {
        const load = result.assignments.filter((a) => a.jurorId === juror.id).length
        expect(load).toBeLessThanOrEqual(juror.maxLoad)
        expect(result.loadPerJuror.find((l) => l.jurorId === juror.id)?.load).toBe(load)
      }
      for (const c of [...input.conflicts, ...(input.forbidden ?? [])]) expect(pairs.has(`${c.proposalId}\u0000${c.jurorId}`)).toBe(false)
      for (const f of input.fixed ?? []) expect(pairs.has(`${f.proposalId}\u0000${f.jurorId}`)).toBe(true)

      // An optimal assignment never leaves a better-matching juror unused with room to spare,
      // except where the chair fixed a pair.
      const explanation = explainAssignment({ ...input, assignments: result.assignments, maxAlternatives: 100 })
      expect(explanation.valid).toBe(true)
      const unused = explanation.pairs.filter((p) => !p.fixed).flatMap((p) => p.betterMatches.filter((b) => b.status === 'available'))
      expect(unused).toEqual([])
    }
  })
})
