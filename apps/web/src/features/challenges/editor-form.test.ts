import { describe, expect, it } from 'vitest'
import { challengeToForm, emptyForm, formToBody, parseDecimal } from './editor-form'
import type { Challenge } from './types'

describe('parseDecimal', () => {
  it('reads Dutch and English decimal notation', () => {
    expect(parseDecimal('40.000,50')).toBe(40000.5)
    expect(parseDecimal('40000,5')).toBe(40000.5)
    expect(parseDecimal('40000.50')).toBe(40000.5)
    // A dot before three digits groups thousands in Dutch: "€ 1.250" is twelve hundred and fifty.
    expect(parseDecimal('€ 1.250')).toBe(1250)
    expect(parseDecimal('30.000')).toBe(30_000)
    expect(parseDecimal('-5')).toBeNaN()
    expect(parseDecimal('')).toBeNull()
    expect(parseDecimal('veel')).toBeNaN()
  })
})

describe('formToBody', () => {
  it('sends Dutch-time dates as instants, trims text and drops empty regions', () => {
    const body = formToBody({
      ...emptyForm(),
      title: '  Schone wijk ',
      eligibleRegions: 'Utrecht, , Zeist, Utrecht',
      submissionDeadline: '2026-07-01T12:00',
      contactEmail: ' ',
      budgetLines: [{ key: 1, portfolio: ' Duurzaamheid ', amount: '1.000,25' }],
    })
    expect(body).toMatchObject({
      title: 'Schone wijk',
      eligibleRegions: ['Utrecht', 'Zeist'],
      submissionDeadline: '2026-07-01T10:00:00.000Z',
      questionsDeadline: null,
      contactEmail: null,
      budgetLines: [{ portfolio: 'Duurzaamheid', amount: 1000.25 }],
    })
  })

  it('keeps a stored date the user did not touch to the second, and sends what the user changed or cleared', () => {
    const stored = {
      ...({} as Challenge),
      title: 'Groene daken', summary: '', problemStatement: '', desiredOutcome: '', sdgGoals: [], sdgTargets: [], eligibleEnterpriseKinds: [], eligibleRegions: [],
      reservedArt282: false, socialReturnPercent: null, budgetLines: [], contractKind: 'pilot_contract', contractValue: null, contactName: null, contactEmail: null,
      publishAt: '2026-11-01T08:00:17.250Z',
      questionsDeadline: '2026-12-09T00:19:42.000Z',
      submissionDeadline: '2026-12-30T00:19:42.000Z',
      decisionAt: '2027-02-03T00:19:42.000Z',
    } as Challenge
    const form = { ...challengeToForm(stored), summary: 'Nieuw', submissionDeadline: '2027-01-06T12:00', decisionAt: '' }
    const body = formToBody(form, stored)
    expect(body).toMatchObject({ publishAt: '2026-11-01T08:00:17.250Z', questionsDeadline: '2026-12-09T00:19:42.000Z', submissionDeadline: '2027-01-06T11:00:00.000Z', decisionAt: null })
    // Without the stored challenge (a new one) the minute the field shows is what is sent.
    expect(formToBody(form).questionsDeadline).toBe('2026-12-09T00:19:00.000Z')
  })
})
