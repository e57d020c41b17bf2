import { describe, expect, it } from 'vitest'
import { mergeProblem, planPublication, questionStatus, type PublishableQuestion } from './question-rules'

const q = (id: string, over: Partial<PublishableQuestion> = {}): PublishableQuestion => ({
  id,
  askedAt: new Date('2026-01-01T10:00:00Z'),
  answer: 'Antwoord',
  mergedIntoId: null,
  publishedAt: null,
  ...over,
})

describe('questionStatus', () => {
  it('derives the status from answer, merge and publication', () => {
    expect(questionStatus({ answer: null, mergedIntoId: null, publishedAt: null })).toBe('open')
    expect(questionStatus({ answer: '  ', mergedIntoId: null, publishedAt: null })).toBe('open')
    expect(questionStatus({ answer: 'Ja', mergedIntoId: null, publishedAt: null })).toBe('answered')
    expect(questionStatus({ answer: 'Ja', mergedIntoId: null, publishedAt: new Date() })).toBe('published')
    expect(questionStatus({ answer: null, mergedIntoId: 'x', publishedAt: null })).toBe('merged')
  })
})

describe('planPublication', () => {
  it('numbers in order of asking, continuing after earlier publications', () => {
    const known = [q('b', { askedAt: new Date('2026-01-02T00:00:00Z') }), q('a', { askedAt: new Date('2026-01-01T00:00:00Z') }), q('c', { askedAt: new Date('2026-01-03T00:00:00Z') })]
    const plan = planPublication(['c', 'b', 'a'], known, 4)
    expect(plan.problems).toEqual([])
    expect([...plan.numbers.entries()]).toEqual([['a', 5], ['b', 6], ['c', 7]])
  })
  it('breaks ties in asking time by id, not by request order', () => {
    const plan = planPublication(['y', 'x'], [q('x'), q('y')], 0)
    expect(plan.numbers.get('x')).toBe(1)
    expect(plan.numbers.get('y')).toBe(2)
  })
  it('refuses the whole selection when any entry is not publishable, naming each position', () => {
    const known = [q('open', { answer: null }), q('merged', { mergedIntoId: 'ok' }), q('done', { publishedAt: new Date() }), q('ok')]
    const plan = planPublication(['ok', 'open', 'merged', 'done', 'nope', 'ok'], known, 0)
    expect(plan.problems).toEqual([
      { index: 1, code: 'questions.not_answered' },
      { index: 2, code: 'questions.merged' },
      { index: 3, code: 'questions.already_published' },
      { index: 4, code: 'questions.unknown' },
      { index: 5, code: 'questions.duplicate' },
    ])
    expect(plan.numbers.size).toBe(0)
  })
})

describe('mergeProblem', () => {
  const base = { challengeId: 'c1', answer: null, mergedIntoId: null, publishedAt: null }
  it('allows merging into an open or published question of the same challenge', () => {
    expect(mergeProblem({ ...base, id: 'a' }, { ...base, id: 'b' })).toBeNull()
    expect(mergeProblem({ ...base, id: 'a' }, { ...base, id: 'b', publishedAt: new Date() })).toBeNull()
  })
  it('refuses self, other challenges, published sources and chains', () => {
    expect(mergeProblem({ ...base, id: 'a' }, { ...base, id: 'a' })).toBe('questions.merge_into_self')
    expect(mergeProblem({ ...base, id: 'a' }, { ...base, id: 'b', challengeId: 'c2' })).toBe('questions.other_challenge')
    expect(mergeProblem({ ...base, id: 'a', publishedAt: new Date() }, { ...base, id: 'b' })).toBe('questions.already_published')
    expect(mergeProblem({ ...base, id: 'a' }, { ...base, id: 'b', mergedIntoId: 'c' })).toBe('questions.merge_target_merged')
  })
})
