import { describe, expect, it } from 'vitest'
import { criterionBody, draftFromCriterion, emptyCriterion, weightShares } from './criterion-form'

describe('criterionBody', () => {
  it('turns a filled-in draft into the request body, reading Dutch decimals', () => {
    const draft = { ...emptyCriterion(), name: ' Impact ', weight: '2,5', threshold: '4,5', levels: [{ score: '8', description: 'sterk' }, { score: '2', description: 'zwak' }, { score: '', description: '' }], sdgGoals: [13, 11], sdgTargets: ['11.6', '3.9'] }
    const result = criterionBody(draft)
    expect(result).toEqual({
      ok: true,
      body: { name: 'Impact', description: '', weight: 2.5, scaleMin: 0, scaleMax: 10, threshold: 4.5, levelDescriptors: [{ score: 2, description: 'zwak' }, { score: 8, description: 'sterk' }], sdgGoals: [11, 13], sdgTargets: ['11.6'] },
    })
  })

  it('names every field that is wrong', () => {
    const result = criterionBody({ ...emptyCriterion(), name: ' ', weight: '0', scaleMin: '5', scaleMax: '5', threshold: 'veel' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => [e.field, 'key' in e.message ? e.message.key : ''])).toEqual([
      ['name', 'jury.criterion.errors.required'],
      ['weight', 'jury.criterion.errors.weightPositive'],
      ['scaleMax', 'jury.criterion.errors.scale'],
      ['threshold', 'jury.criterion.errors.number'],
    ])
  })

  it('refuses a threshold or level off the scale, half-filled levels and a score described twice', () => {
    const result = criterionBody({ ...emptyCriterion(), name: 'X', threshold: '11', levels: [{ score: '12', description: 'te hoog' }, { score: '3', description: '' }, { score: '5', description: 'a' }, { score: '5,0', description: 'b' }] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((e) => ('key' in e.message ? e.message.key : ''))).toEqual(['jury.criterion.errors.onScale', 'jury.criterion.errors.onScale', 'jury.criterion.errors.level', 'jury.criterion.errors.levelTwice'])
  })

  it('round-trips a stored criterion through the form', () => {
    const stored = { id: 'c1', roundId: 'r1', position: 0, name: 'Haalbaarheid', description: 'Kan het?', weight: 1.5, scaleMin: 1, scaleMax: 5, levelDescriptors: [{ score: 1, description: 'nee' }], threshold: null, sdgGoals: [8], sdgTargets: ['8.5'], version: 3 }
    const result = criterionBody(draftFromCriterion(stored))
    expect(result).toEqual({ ok: true, body: { name: 'Haalbaarheid', description: 'Kan het?', weight: 1.5, scaleMin: 1, scaleMax: 5, threshold: null, levelDescriptors: [{ score: 1, description: 'nee' }], sdgGoals: [8], sdgTargets: ['8.5'] } })
  })
})

describe('weightShares', () => {
  it('gives each weight as a percentage of the total', () => {
    const shares = weightShares([{ id: 'a', weight: 1 }, { id: 'b', weight: 3 }])
    expect(shares.get('a')).toBe(25)
    expect(shares.get('b')).toBe(75)
  })
})
