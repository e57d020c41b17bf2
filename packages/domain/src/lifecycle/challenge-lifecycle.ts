export const challengeStatuses = [
  'draft',
  'published',
  'closed',
  'in_evaluation',
  'decided',
  'results_published',
  'archived',
] as const
export type ChallengeStatus = (typeof challengeStatuses)[number]

export const challengeActions = ['publish', 'close', 'startEvaluation', 'decide', 'publishResults', 'archive'] as const
export type ChallengeAction = (typeof challengeActions)[number]

/**
 * Every allowed change of a challenge's stored status, per action: from → to. Anything not
 * listed is refused. Evaluation rounds happen inside `in_evaluation`; a draft can be archived
 * to discard it, a challenge that ran can only be archived once its results are public.
 */
export const challengeTransitions: Readonly<
  Record<ChallengeAction, Readonly<Partial<Record<ChallengeStatus, ChallengeStatus>>>>
> = Object.freeze({
  publish: { draft: 'published' },
  // Normally done by a background job at the submission deadline; `effectiveChallengeStatus`
  // covers the moments before that job has run.
  close: { published: 'closed' },
  startEvaluation: { closed: 'in_evaluation' },
  decide: { in_evaluation: 'decided' },
  publishResults: { decided: 'results_published' },
  archive: { draft: 'archived', results_published: 'archived' },
})

export type ChallengeTransitionResult =
  | { readonly ok: true; readonly status: ChallengeStatus }
  | {
      readonly ok: false
      readonly code: 'challenge.invalid_transition'
      readonly from: ChallengeStatus
      readonly action: ChallengeAction
    }

// Callers pass the effective status (see `effectiveChallengeStatus`), so a published challenge
// past its deadline can go into evaluation even if the close job has not stored 'closed' yet.
export function canTransitionChallenge(from: ChallengeStatus, action: ChallengeAction): boolean {
  return challengeTransitions[action][from] !== undefined
}

export function applyChallengeTransition(from: ChallengeStatus, action: ChallengeAction): ChallengeTransitionResult {
  const to = challengeTransitions[action][from]
  if (to === undefined) return { ok: false, code: 'challenge.invalid_transition', from, action }
  return { ok: true, status: to }
}

/** Facts outside the challenge row that some steps depend on. */
export interface ChallengeTransitionFacts {
  readonly juryDecisionRecorded: boolean
}

export type ChallengeTransitionPrerequisite = 'jury_decision'

/**
 * What a step still needs beyond the right status, or null. The results can be published only once
 * the jury (its chair) has recorded the winners and the motivation: the public page shows them.
 */
export function missingTransitionPrerequisite(action: ChallengeAction, facts: ChallengeTransitionFacts): ChallengeTransitionPrerequisite | null {
  if (action === 'publishResults' && !facts.juryDecisionRecorded) return 'jury_decision'
  return null
}

/**
 * The status a challenge moves to when the jury assigns its first round: the evaluation has then
 * visibly started, so a closed challenge goes to `in_evaluation`; any other status stays.
 */
export function statusAfterJuryAssignment(effective: ChallengeStatus): ChallengeStatus | null {
  return effective === 'closed' ? 'in_evaluation' : null
}
