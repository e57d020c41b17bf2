import { defineProblem } from '../../lib/problem'

/** Guidance's error catalogue: stable codes clients may branch on. */
export const guidanceErrors = {
  municipalityNotFound: defineProblem(404, 'municipalities.not_found', 'Municipality not found'),
  pageNotFound: defineProblem(404, 'guidance.not_found', 'Guidance page not found'),
  forbidden: defineProblem(403, 'guidance.forbidden', 'Not allowed for your role'),
  slugTaken: defineProblem(409, 'guidance.slug_taken', 'Slug already in use'),
  invalidTransition: defineProblem(409, 'guidance.invalid_transition', 'Not possible in this status'),
}
