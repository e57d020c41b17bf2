import { describe, expect, it } from 'vitest'
import { generateAssignmentInstance } from './assignment-instance-generator'
import { assignJurors, type AssignJurorsInput, type AssignJurorsResult } from './jury-assignment'

const pairsOf = (result: AssignJurorsResult) => (result.ok ? result.assignments.map((a) => `${a.proposalId}-${a.jurorId}`) : [])

describe('assignJurors', () => {
  it('finds the obvious optimum of a 3×3 instance', () => {
    const result = assignJurors({
      proposals: [
        { id: 'P1', sdgGoals: [1, 2] },
        { id: 'P2', sdgGoals: [7] },
        { id: 'P3', sdgGoals: [11, 13] },
      ],
      jurors: [
        { id: 'A', sdgExpertise: [11, 13], maxLoad: 1 },
        { id: 'B', sdgExpertise: [1, 2, 3], maxLoad: 1 },
        { id: 'C', sdgExpertise: [7], maxLoad: 1 },
      ],
      k: 1,
      conflicts: [],
    })
    expect(pairsOf(result)).toEqual(['P1-B', 'P2-C', 'P3-A'])
    expect(result).toMatchObject({
      ok: true,
      objective: { totalMatch: 5, spreadPenalty: 0 },
      loadPerJuror: [
        { jurorId: 'A', load: 1, maxLoad: 1 },
        { jurorId: 'B', load: 1, maxLoad: 1 },
        { jurorId: 'C', load: 1, maxLoad: 1 },
      ],
    })
    expect(result.ok && result.assignments[0]).toEqual({ proposalId: 'P1', jurorId: 'B', matchScore: 2, reason: { sharedGoals: [1, 2] }, fixed: false })
  })

  it('puts match before spreading, and spreads when the match is equal', () => {
    const proposals = [
      { id: 'P1', sdgGoals: [3] },
      { id: 'P2', sdgGoals: [3] },
      { id: 'P3', sdgGoals: [3] },
    ]
    const expert = assignJurors({
      proposals,
      jurors: [
        { id: 'A', sdgExpertise: [3], maxLoad: 3 },
        { id: 'B', sdgExpertise: [4], maxLoad: 3 },
        { id: 'C', sdgExpertise: [5], maxLoad: 3 },
      ],
      k: 1,
      conflicts: [],
    })
    // A gets all three: three matches outweigh any spreading (penalty 0+1+2 = 3).
    expect(pairsOf(expert)).toEqual(['P1-A', 'P2-A', 'P3-A'])
    expect(expert.ok && expert.objective).toEqual({ totalMatch: 3, spreadPenalty: 3 })

    const equal = assignJurors({
      proposals,
      jurors: ['A', 'B', 'C'].map((id) => ({ id, sdgExpertise: [3], maxLoad: 3 })),
      k: 2,
      conflicts: [],
    })
    expect(equal.ok && equal.loadPerJuror.map((l) => l.load)).toEqual([2, 2, 2])
    expect(equal.ok && equal.objective).toEqual({ totalMatch: 6, spreadPenalty: 3 })
  })

  it('says capacity, with the numbers, when k·|P| exceeds what the jurors can take', () => {
    const proposals = ['P1', 'P2', 'P3', 'P4'].map((id) => ({ id, sdgGoals: [1] }))
    const tooFew = assignJurors({
      proposals,
      jurors: ['A', 'B', 'C'].map((id) => ({ id, sdgExpertise: [1], maxLoad: 2 })),
      k: 2,
      conflicts: [],
    })
    expect(tooFew).toMatchObject({
      ok: false,
      reason: 'capacity',
      details: { proposalCount: 4, k: 2, reviewsNeeded: 8, totalMaxLoad: 6, usableCapacity: 6 },
    })
    expect(!tooFew.ok && tooFew.message).toContain('8')

    // Σ maxLoad = 11 ≥ 4, but a juror reviews each of the 2 proposals at most once.
    const capped = assignJurors({
      proposals: proposals.slice(0, 2),
      jurors: [
        { id: 'A', sdgExpertise: [], maxLoad: 10 },
        { id: 'B', sdgExpertise: [], maxLoad: 1 },
      ],
      k: 2,
      conflicts: [],
    })
    expect(capped).toMatchObject({ ok: false, reason: 'capacity', details: { reviewsNeeded: 4, totalMaxLoad: 11, usableCapacity: 3 } })
  })

  it('names the proposal that has fewer than k eligible jurors', () => {
    const result = assignJurors({
      proposals: ['P1', 'P2', 'P3'].map((id) => ({ id, sdgGoals: [1] })),
      jurors: ['A', 'B', 'C'].map((id) => ({ id, sdgExpertise: [1], maxLoad: 3 })),
      k: 2,
      conflicts: [
        { jurorId: 'A', proposalId: 'P2' },
        { jurorId: 'B', proposalId: 'P2' },
      ],
    })
    expect(result).toMatchObject({
      ok: false,
      reason: 'conflicts',
      details: { proposalIds: ['P2'], proposals: [{ proposalId: 'P2', needed: 2, eligibleJurors: 1 }] },
    })
    expect(!result.ok && result.message).toContain('P2')
  })

  it('names a group of proposals that compete for the same few jurors', () => {
    // Each of P1, P2 has two eligible jurors (A, B), enough on its own, but A and B can take one
    // proposal each, and C, D are conflicted with both.
    const result = assignJurors({
      proposals: ['P1', 'P2', 'P3'].map((id) => ({ id, sdgGoals: [1] })),
      jurors: [
        { id: 'A', sdgExpertise: [1], maxLoad: 1 },
        { id: 'B', sdgExpertise: [1], maxLoad: 1 },
        { id: 'C', sdgExpertise: [1], maxLoad: 2 },
        { id: 'D', sdgExpertise: [1], maxLoad: 2 },
      ],
      k: 2,
      conflicts: ['C', 'D'].flatMap((jurorId) => ['P1', 'P2'].map((proposalId) => ({ jurorId, proposalId }))),
    })
    expect(result).toMatchObject({
      ok: false,
      reason: 'conflicts',
      details: { proposalIds: ['P1', 'P2'], group: { reviewsNeeded: 4, reviewsAvailable: 2, jurorIds: ['A', 'B'] } },
    })
  })

  it('says k_exceeds_jurors when k is larger than the pool', () => {
    const result = assignJurors({
      proposals: [{ id: 'P1', sdgGoals: [] }],
      jurors: [
        { id: 'A', sdgExpertise: [], maxLoad: 5 },
        { id: 'B', sdgExpertise: [], maxLoad: 5 },
        { id: 'C', sdgExpertise: [], maxLoad: 0 },
      ],
      k: 3,
      conflicts: [],
    })
    expect(result).toMatchObject({ ok: false, reason: 'k_exceeds_jurors', details: { k: 3, availableJurors: 2 } })
  })

  it('keeps the pairs the chair fixed and optimises the rest around them', () => {
    const input: AssignJurorsInput = {
      proposals: [
        { id: 'P1', sdgGoals: [1] },
        { id: 'P2', sdgGoals: [2] },
      ],
      jurors: [
        { id: 'A', sdgExpertise: [1], maxLoad: 1 },
        { id: 'B', sdgExpertise: [2], maxLoad: 1 },
        { id: 'C', sdgExpertise: [], maxLoad: 1 },
      ],
      k: 1,
      conflicts: [],
    }
    expect(pairsOf(assignJurors(input))).toEqual(['P1-A', 'P2-B'])
    // Forcing C (no shared goal) onto P1 is kept; P2 still gets its best juror.
    const fixed = assignJurors({ ...input, fixed: [{ jurorId: 'C', proposalId: 'P1' }] })
    expect(pairsOf(fixed)).toEqual(['P1-C', 'P2-B'])
    expect(fixed.ok && fixed.assignments.map((a) => a.fixed)).toEqual([true, false])
    expect(fixed.ok && fixed.objective.totalMatch).toBe(1)
    // Forcing B onto P1 uses B's only slot, so P2 falls back to A even though B matches it.
    const onlyAB = { ...input, jurors: input.jurors.slice(0, 2) }
    expect(pairsOf(assignJurors({ ...onlyAB, fixed: [{ jurorId: 'B', proposalId: 'P1' }] }))).toEqual(['P1-B', 'P2-A'])
  })

  it('rejects fixed pairs that break the rules, naming them', () => {
    const input: AssignJurorsInput = {
      proposals: [{ id: 'P1', sdgGoals: [1] }],
      jurors: [
        { id: 'A', sdgExpertise: [1], maxLoad: 1 },
        { id: 'B', sdgExpertise: [1], maxLoad: 1 },
      ],
      k: 1,
      conflicts: [{ jurorId: 'A', proposalId: 'P1' }],
    }
    expect(assignJurors({ ...input, fixed: [{ jurorId: 'A', proposalId: 'P1' }] })).toMatchObject({
      ok: false,
      reason: 'fixed_pairs',
      details: { problems: [{ jurorId: 'A', proposalId: 'P1', problem: 'conflicted' }] },
    })
    expect(
      assignJurors({ ...input, conflicts: [], fixed: [{ jurorId: 'A', proposalId: 'P1' }, { jurorId: 'B', proposalId: 'P1' }] }),
    ).toMatchObject({ ok: false, reason: 'fixed_pairs', details: { problems: [{ proposalId: 'P1', problem: 'proposal_over_k' }] } })
    expect(assignJurors({ ...input, fixed: [{ jurorId: 'Z', proposalId: 'P1' }] })).toMatchObject({
      ok: false,
      reason: 'fixed_pairs',
      details: { problems: [{ jurorId: 'Z', problem: 'unknown_juror' }] },
    })
  })

  it('never assigns a conflicted or excluded pair, even when it is the best match', () => {
    const input: AssignJurorsInput = {
      proposals: [{ id: 'P1', sdgGoals: [1, 2, 3] }],
      jurors: [
        { id: 'A', sdgExpertise: [1, 2, 3], maxLoad: 1 },
        { id: 'B', sdgExpertise: [1, 2], maxLoad: 1 },
        { id: 'C', sdgExpertise: [], maxLoad: 1 },
      ],
      k: 1,
      conflicts: [{ jurorId: 'A', proposalId: 'P1' }],
    }
    expect(pairsOf(assignJurors(input))).toEqual(['P1-B'])
    expect(pairsOf(assignJurors({ ...input, forbidden: [{ jurorId: 'B', proposalId: 'P1' }] }))).toEqual(['P1-C'])

    const random = generateAssignmentInstance({ seed: 99, proposalCount: 60, jurorCount: 15, k: 3, maxLoad: [14, 20], conflictRate: 0.2 })
    const result = assignJurors(random)
    expect(result.ok).toBe(true)
    const conflicted = new Set(random.conflicts.map((c) => `${c.proposalId}-${c.jurorId}`))
    expect(pairsOf(result).filter((pair) => conflicted.has(pair))).toEqual([])
  })

  it('reports invalid input instead of throwing, and handles an empty round', () => {
    const juror = { id: 'A', sdgExpertise: [], maxLoad: 1 }
    expect(assignJurors({ proposals: [], jurors: [juror], k: 0, conflicts: [] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(assignJurors({ proposals: [], jurors: [juror, juror], k: 1, conflicts: [] })).toMatchObject({
      ok: false,
      reason: 'invalid_input',
      details: { problems: ['duplicate juror id A'] },
    })
    expect(assignJurors({ proposals: [], jurors: [{ ...juror, maxLoad: -1 }], k: 1, conflicts: [] })).toMatchObject({ ok: false, reason: 'invalid_input' })
    expect(assignJurors({ proposals: [], jurors: [juror], k: 2, conflicts: [] })).toMatchObject({
      ok: true,
      assignments: [],
      loadPerJuror: [{ jurorId: 'A', load: 0, maxLoad: 1 }],
    })
  })

  it('ignores conflicts and exclusions that name someone outside the pool', () => {
    const result = assignJurors({
      proposals: [{ id: 'P1', sdgGoals: [1] }],
      jurors: [{ id: 'A', sdgExpertise: [1], maxLoad: 1 }],
      k: 1,
      conflicts: [{ jurorId: 'X', proposalId: 'P1' }],
      forbidden: [{ jurorId: 'A', proposalId: 'P9' }],
    })
    expect(pairsOf(result)).toEqual(['P1-A'])
  })
})
