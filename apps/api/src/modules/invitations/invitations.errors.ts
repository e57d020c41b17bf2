import { defineProblem } from '../../lib/problem'

export const invitationErrors = {
  notFound: defineProblem(404, 'invitations.not_found', 'Invitation not found'),
  unusable: defineProblem(410, 'invitations.unusable', 'Invitation no longer valid'),
  alreadyMember: defineProblem(409, 'invitations.already_member', 'Already a member'),
}
