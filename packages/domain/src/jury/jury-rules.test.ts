import { describe, expect, it } from 'vitest'
import { checkScorecard, hasAnyScore, validateCriterion } from './criteria-rules'
import { criterionFeedback } from './criterion-feedback'
import { wholePanelAssignment } from './panel'
import { rankBand, shortlist } from './shortlist'
import { mayJurorSeeOtherScores, REDACTED, redactIdentity } from './visibility'

describe('validateCriterion', () => {
  const base = { weight: 1, scaleMin: 0, scaleMax: 10, threshold: null, levelDescriptors: [{ score: 2, description: 'zwak' }, { score: 8, description: 'sterk' }] }
  it('accepts a criterion on the default 0–10 scale', () => expect(validateCriterion(base)).toEqual([]))
  it('refuses an empty or inverted scale, naming scaleMax', () => {
    expect(validateCriterion({ ...base, scaleMin: 5, scaleMax: 5 }).map((p) => [p.field, p.code])).toEqual([['/scaleMax', 'jury.scale_invalid']])
  })
  it('refuses a zero weight, a threshold and descriptors off the scale, and duplicate levels', () => {
    const problems = validateCriterion({ ...base, weight: 0, threshold: 11, levelDescriptors: [{ score: -1, description: 'x' }, { score: 3, description: 'a' }, { score: 3, description: 'b' }] })
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['/weight', 'jury.weight_invalid'],
      ['/threshold', 'jury.threshold_out_of_scale'],
      ['/levelDescriptors/0/score', 'jury.descriptor_out_of_scale'],
      ['/levelDescriptors/2/score', 'jury.descriptor_duplicate'],
    ])
  })
})

describe('checkScorecard', () => {
  const criteria = [{ id: 'a', scaleMin: 0, scaleMax: 10 }, { id: 'b', scaleMin: 1, scaleMax: 5 }]
  it('is complete when each criterion has a score on its own scale', () => {
    expect(checkScorecard({ criteria, scores: { a: { score: 0 }, b: { score: 5 } } })).toEqual({ complete: true, missing: [], outOfRange: [], unknown: [] })
  })
  it('lists missing, out-of-range and unknown criteria', () => {
    expect(checkScorecard({ criteria, scores: { a: { score: null }, b: { score: 0 }, z: { score: 1 } } })).toEqual({ complete: false, missing: ['a'], outOfRange: ['b'], unknown: ['z'] })
  })
  it('knows when scoring has started', () => {
    expect(hasAnyScore({ a: { score: null, comment: 'later' } })).toBe(false)
    expect(hasAnyScore({ a: { score: 0 } })).toBe(true)
  })
})

describe('mayJurorSeeOtherScores', () => {
  it('needs both the own submission and open deliberation', () => {
    expect(mayJurorSeeOtherScores({ ownScorecardSubmitted: true, deliberationOpen: false })).toBe(false)
    expect(mayJurorSeeOtherScores({ ownScorecardSubmitted: false, deliberationOpen: true })).toBe(false)
    expect(mayJurorSeeOtherScores({ ownScorecardSubmitted: true, deliberationOpen: true })).toBe(true)
  })
})

describe('redactIdentity', () => {
  it('drops hidden keys at any depth and replaces identity terms in free text, case-insensitively', () => {
    const value = {
      title: 'Groene daken',
      leadOrganisation: { name: 'Dakdokters BV' },
      sections: [{ text: 'Wij, DAKDOKTERS bv, werken met info@dak.nl', uploadedBy: 'u1' }],
      score: 3,
    }
    expect(redactIdentity({ value, hiddenKeys: ['leadOrganisation', 'uploadedBy'], identityTerms: ['Dakdokters BV', 'info@dak.nl', 'BV'] })).toEqual({
      title: 'Groene daken',
      sections: [{ text: `Wij, ${REDACTED}, werken met ${REDACTED}` }],
      score: 3,
    })
  })
  it('replaces the longest term first so a name containing another is hidden whole', () => {
    expect(redactIdentity({ value: 'Dak BV Noord', hiddenKeys: [], identityTerms: ['Dak BV', 'Dak BV Noord'] })).toBe(REDACTED)
  })
  it('replaces whole words only, so a short name does not mangle other words', () => {
    expect(redactIdentity({ value: 'Jan begint in januari; plan-Jan.pdf', hiddenKeys: [], identityTerms: ['Jan'] })).toBe(`${REDACTED} begint in januari; plan-${REDACTED}.pdf`)
    expect(redactIdentity({ value: 'Café Ölmühle (Ölmühle-BV)', hiddenKeys: [], identityTerms: ['Ölmühle'] })).toBe(`Café ${REDACTED} (${REDACTED}-BV)`)
  })
  it('leaves the value alone without terms or keys', () => expect(redactIdentity({ value: { a: ['x'] }, hiddenKeys: [], identityTerms: [] })).toEqual({ a: ['x'] }))
})

describe('shortlist', () => {
  const ranking = [
    { proposalId: 'p1', rank: 1, thresholdFailures: [] },
    { proposalId: 'p2', rank: 2, thresholdFailures: [] },
    { proposalId: 'p3', rank: 2, thresholdFailures: [] },
    { proposalId: 'p4', rank: 4, thresholdFailures: [] },
    { proposalId: 'p5', rank: 5, thresholdFailures: ['c1'] },
  ]
  it('takes the top n and everyone tied on the last rank', () => {
    expect(shortlist({ ranking, rule: { kind: 'top_n', n: 1 } })).toEqual(['p1'])
    expect(shortlist({ ranking, rule: { kind: 'top_n', n: 2 } })).toEqual(['p1', 'p2', 'p3'])
    expect(shortlist({ ranking, rule: { kind: 'top_n', n: 3 } })).toEqual(['p1', 'p2', 'p3'])
  })
  it('never shortlists a proposal that fails a threshold', () => {
    expect(shortlist({ ranking, rule: { kind: 'top_n', n: 10 } })).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(shortlist({ ranking, rule: { kind: 'passing' } })).toEqual(['p1', 'p2', 'p3', 'p4'])
  })
  it('gives nothing for n = 0', () => expect(shortlist({ ranking, rule: { kind: 'top_n', n: 0 } })).toEqual([]))
})

describe('rankBand', () => {
  it('bands by share of the ranked proposals', () => {
    expect(rankBand({ rank: 1, ranked: 3 })).toBe('top_10_percent')
    expect(rankBand({ rank: 2, ranked: 20 })).toBe('top_10_percent')
    expect(rankBand({ rank: 5, ranked: 20 })).toBe('top_25_percent')
    expect(rankBand({ rank: 2, ranked: 4 })).toBe('top_50_percent')
    expect(rankBand({ rank: 3, ranked: 4 })).toBe('bottom_50_percent')
  })
  it('refuses a rank outside the ranking', () => expect(() => rankBand({ rank: 0, ranked: 3 })).toThrow(RangeError))
})

describe('wholePanelAssignment', () => {
  it('gives every juror every proposal except conflicted pairs', () => {
    const r = wholePanelAssignment({ proposalIds: ['p1', 'p2'], jurorIds: ['j1', 'j2'], conflicts: [{ jurorId: 'j1', proposalId: 'p2' }] })
    expect(r).toEqual({ ok: true, assignments: [{ proposalId: 'p1', jurorId: 'j1' }, { proposalId: 'p1', jurorId: 'j2' }, { proposalId: 'p2', jurorId: 'j2' }] })
  })
  it('names proposals no juror can score', () => {
    const r = wholePanelAssignment({ proposalIds: ['p1'], jurorIds: ['j1'], conflicts: [{ jurorId: 'j1', proposalId: 'p1' }] })
    expect(r).toMatchObject({ ok: false, proposalIds: ['p1'] })
  })
})

describe('criterionFeedback', () => {
  it('means the scores per criterion and sorts comments so their order hides the juror', () => {
    const fb = criterionFeedback({
      criteria: [{ id: 'a' }, { id: 'b' }],
      scorecards: [{ scores: { a: { score: 4, comment: 'Zwak plan' }, b: { score: null } } }, { scores: { a: { score: 7, comment: ' Aardig ' }, b: { score: null, comment: '' } } }],
    })
    expect(fb).toEqual([
      { criterionId: 'a', meanScore: 5.5, scoreCount: 2, comments: ['Aardig', 'Zwak plan'] },
      { criterionId: 'b', meanScore: null, scoreCount: 0, comments: [] },
    ])
  })
})
