import { describe, expect, it } from 'vitest'
import { explainAssignment } from './assignment-explanation'
import { assignJurors } from './jury-assignment'

const proposals = [
  { id: 'P1', sdgGoals: [1, 3, 5] },
  { id: 'P2', sdgGoals: [7] },
]
const jurors = [
  { id: 'A', sdgExpertise: [1, 3, 5], maxLoad: 1 },
  { id: 'B', sdgExpertise: [1, 3], maxLoad: 1 },
  { id: 'C', sdgExpertise: [1], maxLoad: 2 },
  { id: 'D', sdgExpertise: [7, 1], maxLoad: 2 },
]

describe('explainAssignment', () => {
  it('explains each pair of a computed assignment: shared goals, load, no conflict, why not a better match', () => {
    const conflicts = [{ jurorId: 'A', proposalId: 'P1' }]
    const result = assignJurors({ proposals, jurors, k: 1, conflicts })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const explanation = explainAssignment({ proposals, jurors, assignments: result.assignments, conflicts, k: 1 })
    expect(explanation.valid).toBe(true)
    expect(explanation.pairs).toEqual([
      {
        proposalId: 'P1',
        jurorId: 'B',
        matchScore: 2,
        sharedGoals: [1, 3],
        uncoveredGoals: [5],
        jurorLoad: 1,
        jurorMaxLoad: 1,
        conflictFree: true,
        fixed: false,
        betterMatches: [{ jurorId: 'A', matchScore: 3, status: 'conflict' }],
        issues: [],
      },
      {
        proposalId: 'P2',
        jurorId: 'D',
        matchScore: 1,
        sharedGoals: [7],
        uncoveredGoals: [],
        jurorLoad: 1,
        jurorMaxLoad: 2,
        conflictFree: true,
        fixed: false,
        betterMatches: [],
        issues: [],
      },
    ])
    expect(explanation.proposals).toEqual([
      { proposalId: 'P1', jurorCount: 1, totalMatch: 2, complete: true },
      { proposalId: 'P2', jurorCount: 1, totalMatch: 1, complete: true },
    ])
  })

  it('flags what a hand edit broke and shows better matches that were left unused', () => {
    const explanation = explainAssignment({
      proposals,
      jurors,
      assignments: [
        { proposalId: 'P1', jurorId: 'C' },
        { proposalId: 'P1', jurorId: 'C' },
        { proposalId: 'P2', jurorId: 'A' },
        { proposalId: 'P2', jurorId: 'C' },
        { proposalId: 'P9', jurorId: 'B' },
      ],
      conflicts: [{ jurorId: 'A', proposalId: 'P2' }],
      forbidden: [{ jurorId: 'B', proposalId: 'P1' }],
      fixed: [{ jurorId: 'C', proposalId: 'P1' }],
      k: 2,
    })
    expect(explanation.valid).toBe(false)
    expect(explanation.pairs.map((p) => [p.proposalId, p.jurorId, p.issues])).toEqual([
      ['P1', 'C', ['over_max_load']],
      ['P1', 'C', ['over_max_load', 'duplicate']],
      ['P2', 'A', ['conflict']],
      ['P2', 'C', ['over_max_load']],
      ['P9', 'B', ['unknown_proposal']],
    ])
    expect(explanation.pairs[0]).toMatchObject({
      fixed: true,
      betterMatches: [
        { jurorId: 'A', matchScore: 3, status: 'at_max_load' },
        { jurorId: 'B', matchScore: 2, status: 'excluded' },
      ],
    })
    expect(explanation.pairs[2]).toMatchObject({ conflictFree: false, matchScore: 0, betterMatches: [{ jurorId: 'D', matchScore: 1, status: 'available' }] })
    expect(explanation.jurors.find((j) => j.jurorId === 'C')).toEqual({ jurorId: 'C', load: 3, maxLoad: 2, overMaxLoad: true })
    expect(explanation.proposals.map((p) => p.complete)).toEqual([false, true])
  })
})
