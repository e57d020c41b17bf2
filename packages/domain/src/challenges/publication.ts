import { validateChallengeDates } from '../lifecycle/challenge-schedule'

/** What a challenge must hold before it goes public; drafts may be incomplete. */
export interface ChallengeForPublication {
  readonly title: string
  readonly summary: string
  readonly problemStatement: string
  readonly desiredOutcome: string
  readonly sdgGoals: readonly number[]
  readonly budgetLineCount: number
  readonly contactEmail: string | null
  readonly publishAt: Date | null
  readonly questionsDeadline: Date | null
  readonly submissionDeadline: Date | null
  readonly decisionAt: Date | null
}

export interface ChallengePublicationProblem {
  /** JSON pointer into the challenge, e.g. /submissionDeadline. */
  readonly field: string
  readonly code: string
  readonly message: string
}

const required = (field: string, message: string): ChallengePublicationProblem => ({ field: `/${field}`, code: 'challenge.required_for_publication', message })

/**
 * Every reason the challenge cannot be published at `now` (server clock), all at once so the editor
 * can show them together. The questions and submission deadlines must both still lie ahead: a
 * challenge must never open with a window that is already shut.
 */
export function challengePublicationProblems(challenge: ChallengeForPublication, now: Date): ChallengePublicationProblem[] {
  const problems: ChallengePublicationProblem[] = []
  if (challenge.title.trim() === '') problems.push(required('title', 'A title is required.'))
  if (challenge.summary.trim() === '') problems.push(required('summary', 'A summary is required.'))
  if (challenge.problemStatement.trim() === '') problems.push(required('problemStatement', 'A problem statement is required.'))
  if (challenge.desiredOutcome.trim() === '') problems.push(required('desiredOutcome', 'A desired outcome is required.'))
  if (challenge.sdgGoals.length === 0) problems.push(required('sdgGoals', 'Choose at least one SDG goal.'))
  if (challenge.budgetLineCount === 0) problems.push(required('budgetLines', 'Add at least one budget line.'))
  if (!challenge.contactEmail) problems.push(required('contactEmail', 'A contact email address is required.'))
  if (!challenge.questionsDeadline) problems.push(required('questionsDeadline', 'A questions deadline is required.'))
  if (!challenge.submissionDeadline) problems.push(required('submissionDeadline', 'A submission deadline is required.'))
  if (!challenge.decisionAt) problems.push(required('decisionAt', 'A decision date is required.'))
  if (challenge.questionsDeadline && challenge.questionsDeadline.getTime() <= now.getTime()) {
    problems.push({ field: '/questionsDeadline', code: 'challenge.questions_deadline_passed', message: 'questionsDeadline must be in the future.' })
  }
  if (challenge.questionsDeadline && challenge.submissionDeadline) {
    for (const p of validateChallengeDates(
      {
        publishAt: challenge.publishAt ?? undefined,
        questionsDeadline: challenge.questionsDeadline,
        submissionDeadline: challenge.submissionDeadline,
        decisionAt: challenge.decisionAt ?? undefined,
      },
      now,
    )) {
      problems.push({ field: `/${p.field}`, code: p.code, message: p.message })
    }
  }
  return problems
}
