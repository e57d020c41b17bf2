import { defineProblem, ProblemError } from '../../lib/problem'

export const proposalErrors = {
  notFound: defineProblem(404, 'proposals.not_found', 'Proposal not found'),
  challengeNotFound: defineProblem(404, 'proposals.challenge_not_found', 'Challenge not found'),
  enterpriseNotFound: defineProblem(404, 'proposals.enterprise_not_found', 'Enterprise not found'),
  partnerNotFound: defineProblem(404, 'proposals.partner_not_found', 'Partner not found'),
  forbidden: defineProblem(403, 'proposals.forbidden', 'Not allowed for your role'),
  /** The server clock is past the submission deadline: nothing about a proposal changes any more, whoever asks. */
  deadlinePassed: defineProblem(409, 'proposals.deadline_passed', 'The submission deadline has passed'),
  challengeNotOpen: defineProblem(409, 'proposals.challenge_not_open', 'The challenge does not accept proposals'),
  invalidTransition: defineProblem(409, 'proposals.invalid_transition', 'Not possible in the proposal’s current state'),
  partnerExists: defineProblem(409, 'proposals.partner_exists', 'Already a partner'),
  partnerState: defineProblem(409, 'proposals.partner_state', 'The invitation is not open'),
  incomplete: defineProblem(422, 'proposals.incomplete', 'The proposal is not complete'),
  tooManyDocuments: defineProblem(409, 'proposals.too_many_documents', 'Too many documents'),
  /** One proposal per enterprise per challenge; `current` names the existing one so the client can open it. */
  alreadyExists: (current: { id: string }) =>
    new ProblemError(409, 'proposals.already_exists', 'Your enterprise already has a proposal for this challenge', 'Your enterprise already has a proposal for this challenge; open that one.', undefined, {}, { current }),
}

/** Eligibility problems share one catalogue entry per rule; the detail explains the rule in words. */
export const notEligible = (code: string, detail: string, errors: { field: string; code: string; message: string }[]) =>
  new ProblemError(422, code, 'Your enterprise is not eligible for this challenge', detail, errors)
