import { defineProblem } from '../../lib/problem'

/** The Q&A feature's error catalogue: stable codes clients may branch on. */
export const questionErrors = {
  notFound: defineProblem(404, 'questions.not_found', 'Question not found'),
  forbidden: defineProblem(403, 'questions.forbidden', 'Not allowed for your role'),
  deadlinePassed: defineProblem(409, 'questions.deadline_passed', 'The deadline for questions has passed'),
  alreadyPublished: defineProblem(409, 'questions.already_published', 'This question has already been published'),
  merged: defineProblem(409, 'questions.merged', 'This question was merged into another one'),
  notMergeable: defineProblem(409, 'questions.not_mergeable', 'These questions cannot be merged'),
  notPublishable: defineProblem(409, 'questions.not_publishable', 'Some selected questions cannot be published'),
  notaVersionNotFound: defineProblem(404, 'questions.nota_version_not_found', 'This version of the nota van inlichtingen does not exist'),
}
