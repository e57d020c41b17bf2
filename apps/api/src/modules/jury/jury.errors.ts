import { defineProblem, ProblemError } from '../../lib/problem'

/** The jury feature's error catalogue: stable codes clients may branch on. */
export const juryErrors = {
  notFound: defineProblem(404, 'jury.not_found', 'Not found'),
  forbidden: defineProblem(403, 'jury.forbidden', 'Not allowed for your role on this jury'),
  criteriaLocked: defineProblem(409, 'jury.criteria_locked', 'Scoring has started: the criteria of this round are locked'),
  roundNotOpen: defineProblem(409, 'jury.round_not_scoring', 'This round is not open for scoring'),
  roundState: defineProblem(409, 'jury.round_state', 'Not possible in the round’s current status'),
  challengeNotClosed: defineProblem(409, 'jury.challenge_not_closed', 'Proposals can be evaluated only after the submission deadline'),
  alreadyMember: defineProblem(409, 'jury.already_member', 'Already on this jury'),
  invitationNotFound: defineProblem(404, 'jury.invitation_not_found', 'Invitation not found'),
  invitationUnusable: defineProblem(410, 'jury.invitation_unusable', 'Invitation no longer valid'),
  /** The signed-in account is not the one the invitation was mailed to (e.g. a forwarded link). */
  invitationWrongAccount: defineProblem(403, 'jury.invitation_wrong_account', 'Invitation sent to another address'),
  scoringStarted: defineProblem(409, 'jury.scoring_started', 'Scoring has started in this round'),
  scorecardSubmitted: defineProblem(409, 'jury.scorecard_submitted', 'This scorecard is submitted and locked'),
  scorecardIncomplete: defineProblem(422, 'jury.scorecard_incomplete', 'Score every criterion before submitting'),
  scoresHidden: defineProblem(403, 'jury.scores_hidden', 'Other jurors’ scores are visible after you submitted yours and the chair opened deliberation'),
  conflictOfInterest: defineProblem(409, 'jury.conflict_of_interest', 'This juror has a conflict of interest with the proposal'),
  maxLoadExceeded: defineProblem(409, 'jury.max_load_exceeded', 'This juror already has the maximum number of proposals'),
  notAssigned: defineProblem(409, 'jury.not_assigned', 'This juror is not assigned to the proposal'),
  alreadyAssigned: defineProblem(409, 'jury.already_assigned', 'This juror is already assigned to the proposal'),
  noProposals: defineProblem(422, 'jury.no_proposals', 'This round has no proposals to evaluate'),
  noResults: defineProblem(409, 'jury.no_results', 'Compute the results of this round first'),
  resultsNotPublished: defineProblem(404, 'jury.feedback_not_available', 'Feedback is available once the results are published'),
  memberHasScores: defineProblem(409, 'jury.member_has_scores', 'This juror has already scored; their scores stay part of the record'),
  /** The solver's own reason and details travel along, so the chair can fix the round (more jurors, higher L, …). */
  assignmentInfeasible: (message: string, reason: string, details: unknown) =>
    new ProblemError(422, 'jury.assignment_infeasible', 'No valid assignment exists', message, undefined, {}, { reason, details }),
}
