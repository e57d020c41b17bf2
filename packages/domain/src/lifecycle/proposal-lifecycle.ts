import { isSubmissionWindowOpen, type ChallengeClockState } from './challenge-schedule'

export const proposalStatuses = ['draft', 'submitted', 'withdrawn'] as const
export type ProposalStatus = (typeof proposalStatuses)[number]

export const proposalActions = ['edit', 'submit', 'withdraw'] as const
export type ProposalAction = (typeof proposalActions)[number]

/**
 * Allowed actions per status: from → to. A submitted proposal is frozen (its receipt hash
 * must stay true), so it has to be withdrawn before it can be edited and submitted again.
 */
export const proposalTransitions: Readonly<
  Record<ProposalAction, Readonly<Partial<Record<ProposalStatus, ProposalStatus>>>>
> = Object.freeze({
  edit: { draft: 'draft', withdrawn: 'withdrawn' },
  submit: { draft: 'submitted', withdrawn: 'submitted' },
  withdraw: { submitted: 'withdrawn' },
})

export type ProposalProblemCode =
  | 'proposals.challenge_not_open'
  | 'proposals.deadline_passed'
  | 'proposals.invalid_transition'

export type ProposalActionResult =
  | { readonly ok: true; readonly status: ProposalStatus }
  | {
      readonly ok: false
      readonly code: ProposalProblemCode
      readonly from: ProposalStatus
      readonly action: ProposalAction
    }

export interface ProposalActionContext {
  readonly challenge: ChallengeClockState
  readonly now: Date
}

/**
 * Decides whether an entrepreneur may edit, submit or withdraw a proposal now. The clock
 * is checked first: after the submission deadline nothing changes, whatever the status.
 * `proposals.challenge_not_open` covers a challenge that is not published (yet) or was
 * closed early by hand while its deadline still lies ahead.
 */
export function proposalAction(
  status: ProposalStatus,
  action: ProposalAction,
  { challenge, now }: ProposalActionContext,
): ProposalActionResult {
  if (!isSubmissionWindowOpen(challenge, now)) {
    const deadlinePassed = now.getTime() >= challenge.submissionDeadline.getTime()
    return {
      ok: false,
      code: deadlinePassed ? 'proposals.deadline_passed' : 'proposals.challenge_not_open',
      from: status,
      action,
    }
  }
  const to = proposalTransitions[action][status]
  if (to === undefined) return { ok: false, code: 'proposals.invalid_transition', from: status, action }
  return { ok: true, status: to }
}
