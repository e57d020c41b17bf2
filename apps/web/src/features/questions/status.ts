import type { QuestionStatus } from './api'

/** Message key of a question's status, as the asker and staff see it. */
export const statusKey = (status: QuestionStatus) => `questions.status.${status}`

/** Only answered questions can be published; staff select them for the next nota version. */
export const isPublishable = (q: { status: QuestionStatus }) => q.status === 'answered'

/** Questions another may be merged into: any not itself merged, other than the question. */
export function mergeTargets<Q extends { id: string; status: QuestionStatus }>(all: readonly Q[], question: Q): Q[] {
  return all.filter((q) => q.id !== question.id && q.status !== 'merged')
}
