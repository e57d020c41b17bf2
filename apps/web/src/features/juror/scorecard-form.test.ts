import { describe, expect, it } from 'vitest'
import { jurorTotal } from '@opgave/domain'
import { reactive } from 'vue'
import { descriptorFor, differingCriteria, formFromScores, liveTotal, neighbours, parseScore, resolveConflict, roundProgress, scoresBody, stepScore, weightShares, type FormCriterion } from './scorecard-form'

const impact: FormCriterion = { id: 'c-impact', weight: 3, scaleMin: 0, scaleMax: 10, sdgGoals: [8], levelDescriptors: [{ score: 8, description: 'Sterk' }, { score: 2, description: 'Zwak' }, { score: 5, description: 'Redelijk' }] }
const cost: FormCriterion = { id: 'c-cost', weight: 1, scaleMin: 1, scaleMax: 5, sdgGoals: [], levelDescriptors: [] }
const criteria = [impact, cost]

describe('parseScore', () => {
  it('reads whole numbers, decimal points and Dutch decimal commas', () => {
    expect(parseScore('7')).toEqual({ kind: 'number', value: 7 })
    expect(parseScore(' 7,5 ')).toEqual({ kind: 'number', value: 7.5 })
    expect(parseScore('7.5')).toEqual({ kind: 'number', value: 7.5 })
    expect(parseScore('-2')).toEqual({ kind: 'number', value: -2 })
  })
  it('tells an empty field from text that is no number', () => {
    expect(parseScore('  ')).toEqual({ kind: 'empty' })
    expect(parseScore('zeven')).toEqual({ kind: 'invalid' })
    expect(parseScore('7,5,1')).toEqual({ kind: 'invalid' })
  })
})

describe('scoresBody', () => {
  it('sends numbers and trimmed comments, empty comments as null', () => {
    const body = scoresBody(criteria, { 'c-impact': { score: '8', comment: '  Goed plan ' }, 'c-cost': { score: '', comment: '' } })
    expect(body).toEqual({ scores: { 'c-impact': { score: 8, comment: 'Goed plan' }, 'c-cost': { score: null, comment: null } }, problems: {} })
  })
  it('sends no score for a field off the scale or unreadable, and names the problem', () => {
    const body = scoresBody(criteria, { 'c-impact': { score: '11', comment: 'x' }, 'c-cost': { score: 'veel', comment: '' } })
    expect(body.scores['c-impact']).toEqual({ score: null, comment: 'x' })
    expect(body.scores['c-cost']).toEqual({ score: null, comment: null })
    expect(body.problems).toEqual({ 'c-impact': 'out_of_scale', 'c-cost': 'not_a_number' })
  })
  it('accepts the scale bounds themselves', () => {
    expect(scoresBody(criteria, { 'c-impact': { score: '0', comment: '' }, 'c-cost': { score: '5', comment: '' } }).problems).toEqual({})
  })
})

describe('liveTotal', () => {
  it('equals the domain total once every criterion is scored (the number the API stores)', () => {
    // impact 8 on 0–10 → 0.8, weight 0.75; cost 4 on 1–5 → 0.75, weight 0.25 → 100·(0.6 + 0.1875) = 78.75
    const live = liveTotal(criteria, { 'c-impact': { score: '8', comment: '' }, 'c-cost': { score: '4', comment: '' } })
    expect(live).toMatchObject({ scored: 2, of: 2 })
    expect(live.total).toBeCloseTo(78.75, 10)
    expect(live.total).toBeCloseTo(jurorTotal({ criteria, scores: { 'c-impact': 8, 'c-cost': 4 } }), 10)
  })
  it('is null while a score is missing or invalid, and counts what is scored', () => {
    expect(liveTotal(criteria, { 'c-impact': { score: '8', comment: '' }, 'c-cost': { score: '', comment: '' } })).toEqual({ total: null, scored: 1, of: 2 })
    expect(liveTotal(criteria, { 'c-impact': { score: '80', comment: '' }, 'c-cost': { score: '3', comment: '' } })).toEqual({ total: null, scored: 1, of: 2 })
    expect(liveTotal([], {})).toEqual({ total: null, scored: 0, of: 0 })
  })
})

describe('formFromScores', () => {
  it('shows stored scores as text and leaves unscored criteria empty', () => {
    expect(formFromScores(criteria, { 'c-impact': { score: 7.5, comment: null } })).toEqual({ 'c-impact': { score: '7.5', comment: '' }, 'c-cost': { score: '', comment: '' } })
  })
})

describe('weightShares', () => {
  it('normalises weights to percentages', () => {
    expect(weightShares(criteria)).toEqual({ 'c-impact': 75, 'c-cost': 25 })
  })
})

describe('descriptorFor', () => {
  it('gives the highest described level at or below the score, whatever the stored order', () => {
    expect(descriptorFor(impact, 6)).toEqual({ score: 5, description: 'Redelijk' })
    expect(descriptorFor(impact, 8)).toEqual({ score: 8, description: 'Sterk' })
    expect(descriptorFor(impact, 1)).toBeNull()
    expect(descriptorFor(impact, null)).toBeNull()
  })
})

describe('conflicts', () => {
  const mine = { 'c-impact': { score: '8', comment: 'mijn tekst' }, 'c-cost': { score: '3', comment: '' } }
  const theirs = { 'c-impact': { score: '8.0', comment: 'andere tekst' }, 'c-cost': { score: '3', comment: ' ' } }
  it('names the criteria that differ (by value, not by spelling)', () => {
    expect(differingCriteria(criteria, mine, theirs)).toEqual(['c-impact'])
    expect(differingCriteria(criteria, mine, { ...theirs, 'c-impact': { score: '8', comment: 'mijn tekst' } })).toEqual([])
  })
  it('keeping mine keeps every typed value and saves again from the stored version', () => {
    const out = resolveConflict('mine', mine, { form: theirs, version: 7 })
    expect(out).toEqual({ form: mine, version: 7, saveAgain: true })
    expect(out.form).not.toBe(mine)
  })
  it('copies the form of a live (reactive) screen too', () => {
    const live = reactive(structuredClone(mine))
    expect(resolveConflict('mine', live, { form: theirs, version: 3 }).form).toEqual(mine)
  })
  it('taking the stored card shows it and does not save', () => {
    expect(resolveConflict('theirs', mine, { form: theirs, version: 7 })).toEqual({ form: theirs, version: 7, saveAgain: false })
  })
})

describe('neighbours and progress', () => {
  const items = [
    { proposalId: 'a', scorecardStatus: 'submitted' as const },
    { proposalId: 'b', scorecardStatus: 'draft' as const },
    { proposalId: 'c', scorecardStatus: 'not_started' as const },
  ]
  it('finds the previous and next proposal', () => {
    expect(neighbours(items, 'b')).toEqual({ previous: items[0], next: items[2], position: 2 })
    expect(neighbours(items, 'a')).toEqual({ previous: null, next: items[1], position: 1 })
    expect(neighbours(items, 'zz')).toEqual({ previous: null, next: null, position: 0 })
  })
  it('counts cards per status', () => {
    expect(roundProgress(items)).toEqual({ not_started: 1, draft: 1, submitted: 1, total: 3 })
  })
})

describe('stepScore', () => {
  const scale = { scaleMin: 0, scaleMax: 10 }
  it('steps by one with the arrow keys and stays on the scale', () => {
    expect(stepScore('7', 'ArrowUp', scale)).toBe('8')
    expect(stepScore('7,5', 'ArrowDown', scale)).toBe('6.5')
    expect(stepScore('10', 'ArrowUp', scale)).toBe('10')
    expect(stepScore('0', 'ArrowDown', scale)).toBe('0')
  })
  it('starts an empty field at the bottom of the scale; Home and End jump to the ends', () => {
    expect(stepScore('', 'ArrowUp', scale)).toBe('0')
    expect(stepScore('4', 'Home', scale)).toBe('0')
    expect(stepScore('4', 'End', scale)).toBe('10')
    expect(stepScore('4', 'PageUp', { scaleMin: 0, scaleMax: 100 })).toBe('14')
  })
  it('leaves unreadable text and other keys alone', () => {
    expect(stepScore('abc', 'ArrowUp', scale)).toBeNull()
    expect(stepScore('4', 'a', scale)).toBeNull()
  })
})
