import { describe, expect, it } from 'vitest'
import { fieldIdOfPointer, missingFieldMessage, parseNumber, patchFromForm, type ProposalForm } from './form'

const form = (overrides: Partial<ProposalForm> = {}): ProposalForm => ({
  title: 'Plan',
  summary: 's',
  approach: 'a',
  team: 't',
  requestedBudget: '45.000,50',
  plannedImpact: [{ sdgTarget: '8.5', indicators: [{ name: 'Banen', baseline: '0', target: '6', unit: 'fte' }] }],
  socialReturn: { hours: '2400', jobs: '3', targetGroup: 'Statushouders' },
  ...overrides,
})

describe('proposal form', () => {
  it('reads Dutch and plain numbers, and refuses text', () => {
    expect(parseNumber('45.000,50')).toBe(45000.5)
    expect(parseNumber('1234.56')).toBe(1234.56)
    expect(parseNumber(' ')).toBeNull()
    expect(parseNumber('veel')).toBeUndefined()
  })

  it('builds the PATCH body with numbers and social return', () => {
    const { patch, invalid } = patchFromForm(form())
    expect(invalid).toEqual([])
    expect(patch).toMatchObject({ requestedBudget: 45000.5, plannedImpact: [{ sdgTarget: '8.5', indicators: [{ baseline: 0, target: 6 }] }], socialReturn: { hours: 2400, jobs: 3 } })
  })

  it('leaves out what does not parse instead of saving garbage, and names the field', () => {
    const { patch, invalid } = patchFromForm(form({ requestedBudget: 'veel', socialReturn: { hours: '1,5', jobs: '', targetGroup: '' } }))
    expect(patch.requestedBudget).toBeUndefined()
    expect(patch.socialReturn).toBeUndefined()
    expect(invalid).toEqual(['proposal-requestedBudget', 'proposal-socialReturn-hours'])
  })

  it('sends an empty social return as null and maps pointers to field ids', () => {
    expect(patchFromForm(form({ socialReturn: { hours: '', jobs: '', targetGroup: '' } })).patch.socialReturn).toBeNull()
    expect(fieldIdOfPointer('/plannedImpact/0/indicators/1/unit')).toBe('plannedImpact-0-indicators-1-unit')
  })
})

describe('missingFieldMessage', () => {
  it('names the field, and the impact row and indicator it sits in', () => {
    expect(missingFieldMessage('/team')).toEqual({ key: 'proposals.submit.missing', fieldKey: 'proposals.fields.team' })
    expect(missingFieldMessage('/socialReturn/hours')).toEqual({ key: 'proposals.submit.missing', fieldKey: 'proposals.social.hours' })
    expect(missingFieldMessage('/plannedImpact/0/sdgTarget')).toEqual({ key: 'proposals.submit.missingImpact', params: { row: 1 }, fieldKey: 'proposals.impact.target' })
    expect(missingFieldMessage('/plannedImpact/1/indicators/2/unit')).toEqual({ key: 'proposals.submit.missingIndicator', params: { row: 2, n: 3 }, fieldKey: 'proposals.impact.unit' })
    expect(missingFieldMessage('/somethingElse')).toBeNull()
  })
})
