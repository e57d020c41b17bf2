import { defineProblem } from '../../lib/problem'

export const enterpriseErrors = {
  notFound: defineProblem(404, 'enterprises.not_found', 'Enterprise not found'),
  forbidden: defineProblem(403, 'enterprises.forbidden', 'Not allowed for your role'),
  municipalityNotFound: defineProblem(404, 'municipalities.not_found', 'Municipality not found'),
  municipalityForbidden: defineProblem(403, 'municipalities.forbidden', 'Not allowed for your role'),
  assignmentNotFound: defineProblem(404, 'account_managers.not_found', 'No account manager assigned'),
  routekaartEntryNotFound: defineProblem(404, 'routekaart.not_found', 'Routekaart entry not found'),
}
