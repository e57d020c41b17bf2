/**
 * The nota van inlichtingen: questions are asked privately, answered by the municipality and
 * published to all bidders at once, numbered per challenge, without the asker. Equal information
 * for all bidders is a procurement rule; these pure rules keep publication consistent.
 */
export const questionStatuses = ['open', 'answered', 'merged', 'published'] as const
export type QuestionStatus = (typeof questionStatuses)[number]

export interface QuestionState {
  readonly answer: string | null
  readonly mergedIntoId: string | null
  readonly publishedAt: Date | null
}

/** Merged wins over everything (a merged question is never published on its own); then published; then answered. */
export function questionStatus(q: QuestionState): QuestionStatus {
  if (q.mergedIntoId !== null) return 'merged'
  if (q.publishedAt !== null) return 'published'
  if (q.answer !== null && q.answer.trim() !== '') return 'answered'
  return 'open'
}

export type PublicationProblemCode = 'questions.unknown' | 'questions.duplicate' | 'questions.not_answered' | 'questions.merged' | 'questions.already_published'

export interface PublicationProblem {
  /** Position in the submitted list, so the form can point at the entry. */
  readonly index: number
  readonly code: PublicationProblemCode
}

export interface PublishableQuestion extends QuestionState {
  readonly id: string
  readonly askedAt: Date
}

export interface PublicationPlan {
  readonly problems: readonly PublicationProblem[]
  /** Question id → its number in the nota; empty when there are problems. */
  readonly numbers: ReadonlyMap<string, number>
}

/**
 * Checks a selection for publication and numbers it. Numbers continue after the highest number
 * already published on the challenge and follow the order in which the questions were asked
 * (ties by id, so the result never depends on the order of the request).
 * Either every selected question is publishable or nothing is published.
 */
export function planPublication(selectedIds: readonly string[], known: readonly PublishableQuestion[], highestNumber: number): PublicationPlan {
  const byId = new Map(known.map((q) => [q.id, q]))
  const seen = new Set<string>()
  const problems: PublicationProblem[] = []
  selectedIds.forEach((id, index) => {
    const q = byId.get(id)
    if (!q) return problems.push({ index, code: 'questions.unknown' })
    if (seen.has(id)) return problems.push({ index, code: 'questions.duplicate' })
    seen.add(id)
    const status = questionStatus(q)
    if (status === 'merged') problems.push({ index, code: 'questions.merged' })
    else if (status === 'published') problems.push({ index, code: 'questions.already_published' })
    else if (status === 'open') problems.push({ index, code: 'questions.not_answered' })
  })
  if (problems.length > 0) return { problems, numbers: new Map() }
  const ordered = [...seen].map((id) => byId.get(id)!).sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { problems, numbers: new Map(ordered.map((q, i) => [q.id, highestNumber + i + 1])) }
}

export type MergeProblemCode = 'questions.merge_into_self' | 'questions.merge_target_merged' | 'questions.already_published' | 'questions.other_challenge'

/**
 * A duplicate is merged into the question that will carry the answer. The target may already be
 * published (a late duplicate of an answered question); chains are refused so that every merged
 * question points straight at the one whose answer it shares.
 */
export function mergeProblem(
  source: { id: string; challengeId: string } & QuestionState,
  target: { id: string; challengeId: string } & QuestionState,
): MergeProblemCode | null {
  if (source.id === target.id) return 'questions.merge_into_self'
  if (source.challengeId !== target.challengeId) return 'questions.other_challenge'
  if (source.publishedAt !== null) return 'questions.already_published'
  if (target.mergedIntoId !== null) return 'questions.merge_target_merged'
  return null
}
