import { describe, expect, it } from 'vitest'
import {
  applyChallengeTransition,
  canTransitionChallenge,
  challengeActions,
  challengeStatuses,
  challengeTransitions,
  missingTransitionPrerequisite,
  statusAfterJuryAssignment,
  type ChallengeAction,
  type ChallengeStatus,
} from './challenge-lifecycle'

// Written out by hand from PRODUCT.md rather than derived from the table under test.
const allowed: [ChallengeStatus, ChallengeAction, ChallengeStatus][] = [
  ['draft', 'publish', 'published'],
  ['published', 'close', 'closed'],
  ['closed', 'startEvaluation', 'in_evaluation'],
  ['in_evaluation', 'decide', 'decided'],
  ['decided', 'publishResults', 'results_published'],
  ['results_published', 'archive', 'archived'],
  ['draft', 'archive', 'archived'],
]

const refused = challengeStatuses.flatMap((from) =>
  challengeActions
    .filter((action) => !allowed.some(([f, a]) => f === from && a === action))
    .map((action): [ChallengeStatus, ChallengeAction] => [from, action]),
)

describe('challenge transitions', () => {
  it('covers every status × action pair exactly once', () => {
    expect(allowed.length + refused.length).toBe(challengeStatuses.length * challengeActions.length)
    expect(refused).toHaveLength(35)
  })

  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(canTransitionChallenge(from, action)).toBe(true)
    expect(applyChallengeTransition(from, action)).toEqual({ ok: true, status: to })
  })

  it.each(refused)('refuses %s --%s-->', (from, action) => {
    expect(canTransitionChallenge(from, action)).toBe(false)
    expect(applyChallengeTransition(from, action)).toEqual({
      ok: false,
      code: 'challenge.invalid_transition',
      from,
      action,
    })
  })

  it('lists exactly the allowed transitions in the exported table', () => {
    const listed = Object.entries(challengeTransitions).flatMap(([action, byFrom]) =>
      Object.entries(byFrom).map(([from, to]) => `${from} ${action} ${to}`),
    )
    expect(listed.sort()).toEqual(allowed.map(([from, action, to]) => `${from} ${action} ${to}`).sort())
  })

  it('leaves archived as a final status', () => {
    for (const action of challengeActions) expect(canTransitionChallenge('archived', action)).toBe(false)
  })
})

describe('steps that depend on the jury', () => {
  it('publishes results only once a jury decision is recorded', () => {
    expect(missingTransitionPrerequisite('publishResults', { juryDecisionRecorded: false })).toBe('jury_decision')
    expect(missingTransitionPrerequisite('publishResults', { juryDecisionRecorded: true })).toBeNull()
  })

  it('asks nothing extra of the other steps', () => {
    for (const action of challengeActions.filter((a) => a !== 'publishResults')) {
      expect(missingTransitionPrerequisite(action, { juryDecisionRecorded: false }), action).toBeNull()
    }
  })

  it('moves only a closed challenge into evaluation when a round is assigned', () => {
    expect(statusAfterJuryAssignment('closed')).toBe('in_evaluation')
    for (const status of challengeStatuses.filter((s) => s !== 'closed')) expect(statusAfterJuryAssignment(status), status).toBeNull()
  })
})
