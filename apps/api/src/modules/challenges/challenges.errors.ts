import { defineProblem } from '../../lib/problem'

/** The challenge feature's error catalogue: stable codes clients may branch on. */
export const challengeErrors = {
  notFound: defineProblem(404, 'challenges.not_found', 'Challenge not found'),
  forbidden: defineProblem(403, 'challenges.forbidden', 'Not allowed for your role'),
  invalidTransition: defineProblem(409, 'challenges.invalid_transition', 'This step is not possible in the current status'),
  notEditable: defineProblem(409, 'challenges.not_editable', 'This challenge can no longer be changed'),
  incomplete: defineProblem(422, 'challenges.incomplete', 'The challenge is not complete enough to publish'),
  decisionMissing: defineProblem(409, 'challenges.decision_missing', 'The jury has not recorded a decision yet'),
  notFollowable: defineProblem(409, 'challenges.not_followable', 'Only published challenges can be followed'),
}
