import { defineProblem } from '../../lib/problem'

export const organisationErrors = {
  notFound: defineProblem(404, 'organisations.not_found', 'Organisation not found'),
  memberNotFound: defineProblem(404, 'organisations.member_not_found', 'Member not found'),
  forbidden: defineProblem(403, 'organisations.forbidden', 'Not allowed for your role'),
  lastManager: defineProblem(409, 'organisations.last_manager', 'The organisation needs a manager'),
}
