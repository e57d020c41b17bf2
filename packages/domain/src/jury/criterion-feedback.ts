/**
 * What an applicant learns about their own proposal: per criterion the mean of the submitted
 * scores and the comments, without saying which juror wrote what.
 */
export function criterionFeedback({
  criteria,
  scorecards,
}: {
  criteria: readonly { id: string }[]
  scorecards: readonly { scores: Readonly<Record<string, { score: number | null; comment?: string | null }>> }[]
}): { criterionId: string; meanScore: number | null; scoreCount: number; comments: string[] }[] {
  return criteria.map((c) => {
    const values: number[] = []
    const comments: string[] = []
    for (const card of scorecards) {
      const entry = card.scores[c.id]
      if (entry?.score !== null && entry?.score !== undefined) values.push(entry.score)
      const comment = entry?.comment?.trim()
      if (comment) comments.push(comment)
    }
    // Sorted, so the order does not reveal which juror (e.g. the first assigned) wrote a comment.
    comments.sort((a, b) => a.localeCompare(b))
    return { criterionId: c.id, meanScore: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null, scoreCount: values.length, comments }
  })
}
