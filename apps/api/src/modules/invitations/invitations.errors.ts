import { defineProblem } from '../../lib/problem'

export const invitationErrors = {
  notFound: defineProblem(404, 'invitations.not_found', 'Invitation not found'),
  unusable: defineProblem(410, 'invitations.unusable', 'Invitation no longer valid'),
  /** The signed-in account is not the one the invitation was mailed to (e.g. a forwarded link). */
  wrongAccount: defineProblem(403, 'invitations.wrong_account', 'Invitation sent to another address'),
  alreadyMember: defineProblem(409, 'invitations.already_member', 'Already a member'),
}
