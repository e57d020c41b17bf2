import { describe, expect, it } from 'vitest'
import { emptyForm, formToBody, parseDecimal } from './editor-form'

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
})
