import type { ChallengeStatus } from './challenge-lifecycle'

// Every deadline is exclusive: at the deadline instant itself the window is already shut,
// so "before 12:00" means 11:59:59.999 is the last accepted moment on the server clock.

export interface ChallengeClockState {
  readonly status: ChallengeStatus
  readonly submissionDeadline: Date
}

export interface ChallengeQuestionState extends ChallengeClockState {
  readonly questionsDeadline: Date
}

/** The status as users see it: a published challenge is closed from its submission deadline on. */
export function effectiveChallengeStatus(challenge: ChallengeClockState, now: Date): ChallengeStatus {
  if (challenge.status === 'published' && now.getTime() >= challenge.submissionDeadline.getTime()) return 'closed'
  return challenge.status
}

/** Proposals may be submitted, edited and withdrawn. */
export function isSubmissionWindowOpen(challenge: ChallengeClockState, now: Date): boolean {
  return effectiveChallengeStatus(challenge, now) === 'published'
}

/** Entrepreneurs may ask questions (the answers still go out after this window). */
export function isQuestionWindowOpen(challenge: ChallengeQuestionState, now: Date): boolean {
  return isSubmissionWindowOpen(challenge, now) && now.getTime() < challenge.questionsDeadline.getTime()
}

export interface ChallengeDates {
  readonly publishAt?: Date | undefined
  readonly questionsDeadline: Date
  readonly submissionDeadline: Date
  readonly decisionAt?: Date | undefined
}

export type ChallengeDateField = keyof ChallengeDates

export type ChallengeDateProblemCode =
  | 'challenge.invalid_date'
  | 'challenge.publish_not_before_questions_deadline'
  | 'challenge.questions_deadline_after_submission_deadline'
  | 'challenge.decision_not_after_submission_deadline'
  | 'challenge.submission_deadline_passed'

export interface ChallengeDateProblem {
  readonly field: ChallengeDateField
  readonly code: ChallengeDateProblemCode
  readonly message: string
}

/**
 * Checks the order of a challenge's dates: publish < questions deadline ≤ submission deadline
 * < decision. The questions deadline may equal the submission deadline (questions until the
 * end), but publication must leave time to ask questions and the decision must come after the
 * proposals are in. Pass `now` when publishing: the submission deadline must then still lie
 * ahead. Without `now` (e.g. editing dates later) only the order is checked.
 */
export function validateChallengeDates(dates: ChallengeDates, now?: Date): ChallengeDateProblem[] {
  const problems: ChallengeDateProblem[] = []
  const time = (field: ChallengeDateField): number | undefined => {
    const value = dates[field]
    if (value === undefined) return undefined
    const ms = value.getTime()
    if (Number.isNaN(ms)) {
      problems.push({ field, code: 'challenge.invalid_date', message: `${field} is not a valid date.` })
      return undefined
    }
    return ms
  }
  const publishAt = time('publishAt')
  const questionsDeadline = time('questionsDeadline')
  const submissionDeadline = time('submissionDeadline')
  const decisionAt = time('decisionAt')

  if (publishAt !== undefined && questionsDeadline !== undefined && publishAt >= questionsDeadline) {
    problems.push({
      field: 'publishAt',
      code: 'challenge.publish_not_before_questions_deadline',
      message: 'publishAt must be before questionsDeadline.',
    })
  }
  if (questionsDeadline !== undefined && submissionDeadline !== undefined && questionsDeadline > submissionDeadline) {
    problems.push({
      field: 'questionsDeadline',
      code: 'challenge.questions_deadline_after_submission_deadline',
      message: 'questionsDeadline must not be after submissionDeadline.',
    })
  }
  if (decisionAt !== undefined && submissionDeadline !== undefined && decisionAt <= submissionDeadline) {
    problems.push({
      field: 'decisionAt',
      code: 'challenge.decision_not_after_submission_deadline',
      message: 'decisionAt must be after submissionDeadline.',
    })
  }
  if (now !== undefined && submissionDeadline !== undefined && submissionDeadline <= now.getTime()) {
    problems.push({
      field: 'submissionDeadline',
      code: 'challenge.submission_deadline_passed',
      message: 'submissionDeadline must be in the future.',
    })
  }
  return problems
}
