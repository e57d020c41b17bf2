import { describe, expect, it } from 'vitest'
import { challengeStatuses } from './challenge-lifecycle'
import {
  effectiveChallengeStatus,
  isQuestionWindowOpen,
  isSubmissionWindowOpen,
  validateChallengeDates,
} from './challenge-schedule'

const questionsDeadline = new Date('2026-03-01T12:00:00.000Z')
const submissionDeadline = new Date('2026-03-15T12:00:00.000Z')
const at = (date: Date, offsetMs: number) => new Date(date.getTime() + offsetMs)

const boundary = [
  ['1 ms before', -1, true],
  ['exactly at', 0, false],
  ['1 ms after', 1, false],
] as const

describe('effectiveChallengeStatus', () => {
  it.each(boundary)('a published challenge %s the submission deadline is %s', (_, offset, open) => {
    const status = effectiveChallengeStatus({ status: 'published', submissionDeadline }, at(submissionDeadline, offset))
    expect(status).toBe(open ? 'published' : 'closed')
  })

  it('leaves every other stored status alone, before and after the deadline', () => {
    for (const status of challengeStatuses.filter((s) => s !== 'published')) {
      for (const now of [at(submissionDeadline, -1), submissionDeadline, at(submissionDeadline, 1)]) {
        expect(effectiveChallengeStatus({ status, submissionDeadline }, now)).toBe(status)
      }
    }
  })
})

describe('isSubmissionWindowOpen', () => {
  it.each(boundary)('%s the submission deadline: open = %s', (_, offset, open) => {
    expect(isSubmissionWindowOpen({ status: 'published', submissionDeadline }, at(submissionDeadline, offset))).toBe(
      open,
    )
  })

  it('is shut for every status but published, even before the deadline', () => {
    const now = at(submissionDeadline, -60_000)
    for (const status of challengeStatuses) {
      expect(isSubmissionWindowOpen({ status, submissionDeadline }, now)).toBe(status === 'published')
    }
  })
})

describe('isQuestionWindowOpen', () => {
  const challenge = { status: 'published', questionsDeadline, submissionDeadline } as const

  it.each(boundary)('%s the questions deadline: open = %s', (_, offset, open) => {
    expect(isQuestionWindowOpen(challenge, at(questionsDeadline, offset))).toBe(open)
  })

  it('is shut when the challenge is not published', () => {
    const now = at(questionsDeadline, -60_000)
    for (const status of challengeStatuses.filter((s) => s !== 'published')) {
      expect(isQuestionWindowOpen({ ...challenge, status }, now)).toBe(false)
    }
  })

  it('shuts at the submission deadline even if the questions deadline is later (bad data)', () => {
    const late = { ...challenge, questionsDeadline: at(submissionDeadline, 86_400_000) }
    expect(isQuestionWindowOpen(late, at(submissionDeadline, -1))).toBe(true)
    expect(isQuestionWindowOpen(late, submissionDeadline)).toBe(false)
  })
})

describe('validateChallengeDates', () => {
  const publishAt = new Date('2026-02-01T09:00:00.000Z')
  const decisionAt = new Date('2026-04-01T12:00:00.000Z')

  it('accepts dates in order, with or without the optional ones', () => {
    expect(validateChallengeDates({ publishAt, questionsDeadline, submissionDeadline, decisionAt })).toEqual([])
    expect(validateChallengeDates({ questionsDeadline, submissionDeadline })).toEqual([])
  })

  it('accepts a questions deadline equal to the submission deadline', () => {
    expect(validateChallengeDates({ questionsDeadline: submissionDeadline, submissionDeadline })).toEqual([])
  })

  it('refuses a questions deadline after the submission deadline', () => {
    expect(validateChallengeDates({ questionsDeadline: at(submissionDeadline, 1), submissionDeadline })).toEqual([
      expect.objectContaining({
        field: 'questionsDeadline',
        code: 'challenge.questions_deadline_after_submission_deadline',
      }),
    ])
  })

  it('refuses a publication at or after the questions deadline', () => {
    for (const publish of [questionsDeadline, at(questionsDeadline, 1)]) {
      expect(validateChallengeDates({ publishAt: publish, questionsDeadline, submissionDeadline })).toEqual([
        expect.objectContaining({ field: 'publishAt', code: 'challenge.publish_not_before_questions_deadline' }),
      ])
    }
  })

  it('refuses a decision at or before the submission deadline', () => {
    for (const decision of [submissionDeadline, at(submissionDeadline, -1)]) {
      expect(validateChallengeDates({ questionsDeadline, submissionDeadline, decisionAt: decision })).toEqual([
        expect.objectContaining({ field: 'decisionAt', code: 'challenge.decision_not_after_submission_deadline' }),
      ])
    }
    expect(
      validateChallengeDates({ questionsDeadline, submissionDeadline, decisionAt: at(submissionDeadline, 1) }),
    ).toEqual([])
  })

  it('reports invalid dates by field and skips the comparisons that need them', () => {
    const invalid = new Date('not a date')
    expect(validateChallengeDates({ publishAt, questionsDeadline: invalid, submissionDeadline, decisionAt })).toEqual([
      { field: 'questionsDeadline', code: 'challenge.invalid_date', message: 'questionsDeadline is not a valid date.' },
    ])
  })

  it('reports every problem at once, each with a message', () => {
    const problems = validateChallengeDates({
      publishAt: decisionAt,
      questionsDeadline: decisionAt,
      submissionDeadline,
      decisionAt: submissionDeadline,
    })
    expect(problems.map((p) => p.field)).toEqual(['publishAt', 'questionsDeadline', 'decisionAt'])
    for (const problem of problems) expect(problem.message).not.toBe('')
  })

  it('with now, requires the submission deadline to lie ahead (exclusive)', () => {
    const dates = { questionsDeadline, submissionDeadline }
    expect(validateChallengeDates(dates, at(submissionDeadline, -1))).toEqual([])
    for (const now of [submissionDeadline, at(submissionDeadline, 1)]) {
      expect(validateChallengeDates(dates, now)).toEqual([
        expect.objectContaining({ field: 'submissionDeadline', code: 'challenge.submission_deadline_passed' }),
      ])
    }
  })
})
