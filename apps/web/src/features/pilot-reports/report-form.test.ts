import { describe, expect, it } from 'vitest'
import type { MyPilot } from './api'
import { emptyReport, toReportBody } from './report-form'

const pilot = {
  promisedImpact: [{ sdgTarget: '8.5', indicators: [{ name: 'Deelnemers', baseline: 0, target: 12, unit: 'personen' }] }, { sdgTarget: '11.7', indicators: [{ name: 'Tuinen', baseline: 0, target: 5, unit: 'tuinen' }] }],
} as unknown as MyPilot

describe('pilot report form', () => {
  it('sends only the indicators that were filled in, with Dutch numbers read as Dutch', () => {
    const draft = emptyReport(pilot, '2026-11-01')
    draft.periodStart = '2026-08-01'
    draft.indicators[1]!.value = '4'
    draft.indicators[1]!.evidence = ' Foto’s '
    draft.jobsRealised = '2'
    draft.hoursRealised = '1.200'
    draft.amountRealised = '1.250,50'
    expect(toReportBody(draft)).toEqual({
      body: {
        periodStart: '2026-08-01',
        periodEnd: '2026-11-01',
        indicators: [{ sdgTarget: '11.7', indicator: 'Tuinen', value: 4, measuredOn: '2026-11-01', evidence: 'Foto’s', evidenceUrl: null }],
        jobsRealised: 2,
        hoursRealised: 1200,
        amountRealised: 1250.5,
        notes: '',
      },
    })
  })
  it('names the first thing to fix', () => {
    const draft = emptyReport(pilot, '2026-11-01')
    expect(toReportBody(draft)).toEqual({ problem: { field: 'periodStart', key: 'required' } })
    draft.periodStart = '2026-08-01'
    draft.jobsRealised = '1,5'
    expect(toReportBody(draft)).toEqual({ problem: { field: 'jobsRealised', key: 'wholeNumber' } })
    draft.jobsRealised = '1'
    draft.indicators[0]!.value = '3'
    expect(toReportBody(draft)).toEqual({ problem: { field: 'indicator-0-evidence', key: 'evidence' } })
  })
})
