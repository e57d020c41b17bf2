import { describe, expect, it } from 'vitest'
import type { AssignmentOverview, JuryMember } from './api'
import { assignmentsByJuror, explanationMessages, infeasibleMessages, swapCandidates } from './assignment'

const member = (id: string, name: string | null, status: 'active' | 'invited' = 'active'): JuryMember => ({
  id,
  challengeId: 'c',
  email: `${id}@jury.nl`,
  name,
  userId: null,
  isChair: false,
  sdgExpertise: [],
  status,
  invitationExpiresAt: '2026-12-01T00:00:00.000Z',
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
})
const members = [member('m1', 'Anna'), member('m2', null), member('m3', 'Carla'), member('m4', 'Dirk', 'invited')]
const pair = (proposalId: string, proposalTitle: string, memberId: string, explanation: unknown = {}) => ({ proposalId, proposalTitle, memberId, matchScore: 1, sharedGoals: [11], manual: false, explanation })
const overview: AssignmentOverview = {
  roundId: 'r',
  assignments: [pair('p2', 'Water', 'm1'), pair('p1', 'Daken', 'm1'), pair('p1', 'Daken', 'm2')],
  loadPerJuror: [
    { memberId: 'm1', load: 2, maxLoad: 3 },
    { memberId: 'm2', load: 1, maxLoad: 3 },
  ],
  warnings: [],
}

describe('assignmentsByJuror', () => {
  it('lists every active juror with their proposals (sorted) and load; invited members are left out', () => {
    const columns = assignmentsByJuror(overview, members)
    expect(columns.map((c) => [c.name, c.load, c.maxLoad, c.items.map((i) => i.proposalTitle)])).toEqual([
      ['Anna', 2, 3, ['Daken', 'Water']],
      ['m2@jury.nl', 1, 3, ['Daken']],
      ['Carla', 0, 0, []],
    ])
  })

  it('offers only active jurors not yet on the proposal for a swap', () => {
    expect(swapCandidates(overview, members, 'p1').map((m) => m.id)).toEqual(['m3'])
  })
})

describe('explanationMessages', () => {
  it('words the solver’s structured reasons: shared goals, load, better matches and why they were not used', () => {
    const a = pair('p1', 'Daken', 'm1', { sharedGoals: [11, 13], uncoveredGoals: [6], jurorLoad: 2, jurorMaxLoad: 3, fixed: false, betterMatches: [{ jurorId: 'm3', matchScore: 3, status: 'conflict' }], issues: [] })
    expect(explanationMessages(a, (id) => (id === 'm3' ? 'Carla' : id))).toEqual([
      { key: 'jury.assignment.why.shared', params: { goals: '11, 13' } },
      { key: 'jury.assignment.why.uncovered', params: { goals: '6' } },
      { key: 'jury.assignment.why.load', params: { load: 2, max: 3 } },
      { key: 'jury.assignment.why.better.conflict', params: { name: 'Carla', score: 3 }, fallback: 'Carla: conflict' },
    ])
  })
})

describe('infeasibleMessages', () => {
  it('explains a capacity shortfall with its numbers', () => {
    const problem = { code: 'jury.assignment_infeasible', detail: 'x', reason: 'capacity', details: { proposalCount: 6, k: 3, reviewsNeeded: 18, totalMaxLoad: 8, usableCapacity: 8 } }
    expect(infeasibleMessages(problem, (id) => id)).toEqual([{ key: 'jury.assignment.infeasible.capacity', params: { proposals: 6, k: 3, needed: 18, capacity: 8 }, fallback: 'x' }])
  })

  it('names the proposals conflicts leave short, by title', () => {
    const problem = { detail: 'y', reason: 'conflicts', details: { proposalIds: ['p1'], proposals: [{ proposalId: 'p1', needed: 3, eligibleJurors: 2 }] } }
    expect(infeasibleMessages(problem, (id) => (id === 'p1' ? 'Daken' : id))).toEqual([
      { key: 'jury.assignment.infeasible.conflicts', fallback: 'y' },
      { key: 'jury.assignment.infeasible.conflictProposal', params: { title: 'Daken', needed: 3, eligible: 2 } },
    ])
  })

  it('falls back to the server’s sentence for a reason it does not know', () => {
    expect(infeasibleMessages({ detail: 'Iets anders', reason: 'new_reason' }, (id) => id)).toEqual([{ text: 'Iets anders' }])
    expect(infeasibleMessages(null, (id) => id)).toEqual([{ key: 'common.unknownError' }])
  })
})
