import { parseDutchNumber } from '../../composables/dutch-number'
import type { CreatePilotReportBody, MyPilot } from './api'

export interface IndicatorDraft {
  sdgTarget: string
  indicator: string
  unit: string
  value: string
  measuredOn: string
  evidence: string
  evidenceUrl: string
}

export interface ReportDraft {
  periodStart: string
  periodEnd: string
  indicators: IndicatorDraft[]
  jobsRealised: string
  hoursRealised: string
  amountRealised: string
  notes: string
}

/** One empty line per promised indicator: the enterprise fills in what it measured. */
export function emptyReport(pilot: MyPilot, today: string): ReportDraft {
  return {
    periodStart: '',
    periodEnd: today,
    indicators: pilot.promisedImpact.flatMap((p) => p.indicators.map((i) => ({ sdgTarget: p.sdgTarget, indicator: i.name, unit: i.unit, value: '', measuredOn: today, evidence: '', evidenceUrl: '' }))),
    jobsRealised: '0',
    hoursRealised: '0',
    amountRealised: '0',
    notes: '',
  }
}

export type ReportFormProblem = { field: string; key: string }

/** The body to send, or the first thing to fix (an i18n key under pilotReports.form.errors). */
export function toReportBody(draft: ReportDraft): { body: CreatePilotReportBody } | { problem: ReportFormProblem } {
  if (!draft.periodStart) return { problem: { field: 'periodStart', key: 'required' } }
  if (!draft.periodEnd) return { problem: { field: 'periodEnd', key: 'required' } }
  const whole = (text: string) => {
    const value = parseDutchNumber(text)
    return value === undefined || value === null || !Number.isInteger(value) || value < 0 ? undefined : value
  }
  const jobs = whole(draft.jobsRealised)
  if (jobs === undefined) return { problem: { field: 'jobsRealised', key: 'wholeNumber' } }
  const hours = whole(draft.hoursRealised)
  if (hours === undefined) return { problem: { field: 'hoursRealised', key: 'wholeNumber' } }
  const amount = parseDutchNumber(draft.amountRealised)
  if (amount === undefined || amount === null || amount < 0) return { problem: { field: 'amountRealised', key: 'amount' } }
  const indicators: CreatePilotReportBody['indicators'] = []
  for (const [index, i] of draft.indicators.entries()) {
    if (i.value.trim() === '') continue
    const value = parseDutchNumber(i.value)
    if (value === undefined || value === null) return { problem: { field: `indicator-${index}-value`, key: 'number' } }
    if (!i.evidence.trim()) return { problem: { field: `indicator-${index}-evidence`, key: 'evidence' } }
    indicators.push({ sdgTarget: i.sdgTarget, indicator: i.indicator, value, measuredOn: i.measuredOn, evidence: i.evidence.trim(), evidenceUrl: i.evidenceUrl.trim() || null })
  }
  return { body: { periodStart: draft.periodStart, periodEnd: draft.periodEnd, indicators, jobsRealised: jobs, hoursRealised: hours, amountRealised: amount, notes: draft.notes.trim() } }
}
