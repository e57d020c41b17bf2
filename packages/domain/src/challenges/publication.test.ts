import { describe, expect, it } from 'vitest'
import { challengePublicationProblems, type ChallengeForPublication } from './publication'

const now = new Date('2026-03-01T12:00:00Z')
const days = (n: number) => new Date(now.getTime() + n * 86_400_000)
const complete: ChallengeForPublication = {
  title: 'Eenzaamheid onder ouderen',
  summary: 'Samen tegen eenzaamheid',
  problemStatement: 'Veel ouderen…',
  desiredOutcome: 'Minder eenzaamheid',
  sdgGoals: [3],
  budgetLineCount: 1,
  contactEmail: 'opgaven@gemeente.nl',
  publishAt: null,
  questionsDeadline: days(14),
  submissionDeadline: days(30),
  decisionAt: days(60),
}

describe('challengePublicationProblems', () => {
  it('accepts a complete challenge', () => {
    expect(challengePublicationProblems(complete, now)).toEqual([])
  })

  it('names every missing field at once', () => {
    const problems = challengePublicationProblems(
      { ...complete, title: ' ', summary: '', problemStatement: '', desiredOutcome: '', sdgGoals: [], budgetLineCount: 0, contactEmail: null, questionsDeadline: null, submissionDeadline: null, decisionAt: null },
      now,
    )
    expect(problems.map((p) => p.field)).toEqual([
      '/title',
      '/summary',
      '/problemStatement',
      '/desiredOutcome',
      '/sdgGoals',
      '/budgetLines',
      '/contactEmail',
      '/questionsDeadline',
      '/submissionDeadline',
      '/decisionAt',
    ])
  })

  it('refuses deadlines at or before now on the given clock', () => {
    const problems = challengePublicationProblems({ ...complete, questionsDeadline: now, submissionDeadline: now, decisionAt: days(1) }, now)
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['/questionsDeadline', 'challenge.questions_deadline_passed'],
      ['/submissionDeadline', 'challenge.submission_deadline_passed'],
    ])
    const oneMsLater = challengePublicationProblems({ ...complete, questionsDeadline: new Date(now.getTime() + 1), submissionDeadline: new Date(now.getTime() + 1) }, now)
    expect(oneMsLater).toEqual([])
  })

  it('checks the order of the dates', () => {
    const problems = challengePublicationProblems({ ...complete, questionsDeadline: days(40), decisionAt: days(20) }, now)
    expect(problems.map((p) => p.code)).toEqual(['challenge.questions_deadline_after_submission_deadline', 'challenge.decision_not_after_submission_deadline'])
  })
})
