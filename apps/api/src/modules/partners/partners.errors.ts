import { defineProblem } from '../../lib/problem'

export const partnerErrors = {
  notFound: defineProblem(404, 'partners.not_found', 'Enterprise not found'),
  challengeNotFound: defineProblem(404, 'partners.challenge_not_found', 'Challenge not found'),
  tooMany: defineProblem(429, 'partners.too_many_messages', 'Too many messages'),
}
