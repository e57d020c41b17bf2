import { describe, expect, it } from 'vitest'
import { challengeStatuses, type ChallengeStatus } from './challenge-lifecycle'
import {
  proposalAction,
  proposalActions,
  proposalStatuses,
  proposalTransitions,
  type ProposalAction,
  type ProposalStatus,
} from './proposal-lifecycle'

const submissionDeadline = new Date('2026-03-15T12:00:00.000Z')
const at = (offsetMs: number) => new Date(submissionDeadline.getTime() + offsetMs)
const challenge = (status: ChallengeStatus = 'published') => ({ status, submissionDeadline })
const open = { challenge: challenge(), now: at(-60_000) }

// Written out by hand from PRODUCT.md rather than derived from the table under test.
const allowed: [ProposalStatus, ProposalAction, ProposalStatus][] = [
  ['draft', 'edit', 'draft'],
  ['draft', 'submit', 'submitted'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['withdrawn', 'edit', 'withdrawn'],
  ['withdrawn', 'submit', 'submitted'],
]

const refused = proposalStatuses.flatMap((from) =>
  proposalActions
    .filter((action) => !allowed.some(([f, a]) => f === from && a === action))
    .map((action): [ProposalStatus, ProposalAction] => [from, action]),
)

describe('proposal transitions while the submission window is open', () => {
  it('covers every status × action pair exactly once', () => {
    expect(allowed.length + refused.length).toBe(proposalStatuses.length * proposalActions.length)
    expect(refused).toEqual([
      ['draft', 'withdraw'],
      ['submitted', 'edit'],
      ['submitted', 'submit'],
      ['withdrawn', 'withdraw'],
    ])
  })

  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(proposalAction(from, action, open)).toEqual({ ok: true, status: to })
  })

  it.each(refused)('refuses %s --%s-->', (from, action) => {
    expect(proposalAction(from, action, open)).toEqual({
      ok: false,
      code: 'proposals.invalid_transition',
      from,
      action,
    })
  })

  it('lists exactly the allowed transitions in the exported table', () => {
    const listed = Object.entries(proposalTransitions).flatMap(([action, byFrom]) =>
      Object.entries(byFrom).map(([from, to]) => `${from} ${action} ${to}`),
    )
    expect(listed.sort()).toEqual(allowed.map(([from, action, to]) => `${from} ${action} ${to}`).sort())
  })
})

describe('proposal actions around the submission deadline', () => {
  it.each(allowed)('%s --%s--> is allowed 1 ms before the deadline', (from, action, to) => {
    expect(proposalAction(from, action, { challenge: challenge(), now: at(-1) })).toEqual({ ok: true, status: to })
  })

  it.each(
    proposalStatuses.flatMap((from) =>
      proposalActions.flatMap((action) => [
        [from, action, 'exactly at', 0] as const,
        [from, action, '1 ms after', 1] as const,
      ]),
    ),
  )('%s --%s--> is refused %s the deadline', (from, action, _, offset) => {
    expect(proposalAction(from, action, { challenge: challenge(), now: at(offset) })).toEqual({
      ok: false,
      code: 'proposals.deadline_passed',
      from,
      action,
    })
  })

  it('reports the deadline, not the transition, when both are wrong', () => {
    expect(proposalAction('submitted', 'edit', { challenge: challenge(), now: at(0) })).toMatchObject({
      code: 'proposals.deadline_passed',
    })
  })

  it('refuses everything after the deadline whatever the stored challenge status', () => {
    for (const status of challengeStatuses) {
      expect(proposalAction('draft', 'submit', { challenge: challenge(status), now: at(1) })).toMatchObject({
        ok: false,
        code: 'proposals.deadline_passed',
      })
    }
  })

  it('refuses everything before the deadline when the challenge is not published', () => {
    for (const status of challengeStatuses.filter((s) => s !== 'published')) {
      expect(proposalAction('draft', 'edit', { challenge: challenge(status), now: at(-1) })).toEqual({
        ok: false,
        code: 'proposals.challenge_not_open',
        from: 'draft',
        action: 'edit',
      })
    }
  })
})
