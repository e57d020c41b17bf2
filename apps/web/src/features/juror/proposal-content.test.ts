import { describe, expect, it } from 'vitest'
import { readSnapshot } from './proposal-content'

describe('readSnapshot', () => {
  it('reads the content fields of a submitted snapshot and converts cents to euros', () => {
    const content = readSnapshot({
      title: 'Groene daken',
      summary: 'Wij van [verborgen] leggen daken aan.',
      approach: 'In drie fasen.',
      team: 'Vier mensen.',
      requestedBudgetCents: 1_234_550,
      plannedImpact: [{ sdgTarget: '11.6', indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] }],
      socialReturn: { hours: 120, jobs: null, targetGroup: 'Statushouders' },
      documents: [{ id: 'd1', name: 'plan-[verborgen].pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'ab' }],
    })
    expect(content).toEqual({
      title: 'Groene daken',
      summary: 'Wij van [verborgen] leggen daken aan.',
      approach: 'In drie fasen.',
      team: 'Vier mensen.',
      requestedBudget: 12345.5,
      plannedImpact: [{ sdgTarget: '11.6', indicators: [{ name: 'm2 dak', baseline: 0, target: 100, unit: 'm2' }] }],
      socialReturn: { hours: 120, jobs: null, targetGroup: 'Statushouders' },
      documents: [{ id: 'd1', name: 'plan-[verborgen].pdf', mediaType: 'application/pdf', sizeBytes: 10 }],
    })
  })

  it('never passes on fields it does not know, such as identity keys', () => {
    const content = readSnapshot({ title: 'T', leadEnterprise: { id: 'e', name: 'Bedrijf BV' }, partners: [{ name: 'Partner BV' }] })
    expect(JSON.stringify(content)).not.toContain('Bedrijf BV')
    expect(JSON.stringify(content)).not.toContain('Partner BV')
  })

  it('survives a missing or malformed snapshot', () => {
    expect(readSnapshot(null)).toMatchObject({ title: '', requestedBudget: null, plannedImpact: [], documents: [], socialReturn: null })
    expect(readSnapshot({ documents: [{ name: 'no id' }], plannedImpact: ['x'] })).toMatchObject({ documents: [], plannedImpact: [] })
  })
})
