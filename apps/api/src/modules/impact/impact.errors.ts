import { defineProblem } from '../../lib/problem'

/** The impact dashboard's error catalogue. */
export const impactErrors = {
  municipalityNotFound: defineProblem(404, 'impact.municipality_not_found', 'Municipality not found'),
}
