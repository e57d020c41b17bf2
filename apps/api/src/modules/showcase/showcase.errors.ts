import { defineProblem } from '../../lib/problem'

export const showcaseErrors = {
  notFound: defineProblem(404, 'showcase.not_found', 'Not in the showcase'),
  forbidden: defineProblem(403, 'showcase.forbidden', 'Only the enterprise’s owner decides on the showcase'),
}
