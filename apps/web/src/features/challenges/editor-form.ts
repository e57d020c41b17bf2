import { parseDutchNumber } from '../../composables/dutch-number'
import { instantFromInput, toAmsterdamInput } from './format'
import type { Challenge, CreateChallengeBody, EnterpriseKind } from './types'

/** The editor's state: text as typed (amounts and dates stay strings until they are sent). */
export interface ChallengeForm {
  title: string
  summary: string
  problemStatement: string
  desiredOutcome: string
  sdgGoals: number[]
  sdgTargets: string[]
  eligibleEnterpriseKinds: EnterpriseKind[]
  eligibleRegions: string
  reservedArt282: boolean
  socialReturnPercent: string
  budgetLines: { key: number; portfolio: string; amount: string }[]
  contractKind: 'prize' | 'pilot_contract'
  contractValue: string
  contactName: string
  contactEmail: string
  publishAt: string
  questionsDeadline: string
  submissionDeadline: string
  decisionAt: string
}

export const emptyForm = (): ChallengeForm => ({
  title: '',
  summary: '',
  problemStatement: '',
  desiredOutcome: '',
  sdgGoals: [],
  sdgTargets: [],
  eligibleEnterpriseKinds: [],
  eligibleRegions: '',
  reservedArt282: false,
  socialReturnPercent: '',
  budgetLines: [],
  contractKind: 'pilot_contract',
  contractValue: '',
  contactName: '',
  contactEmail: '',
  publishAt: '',
  questionsDeadline: '',
  submissionDeadline: '',
  decisionAt: '',
})

const decimalText = (value: number | null) => (value === null ? '' : String(value).replace('.', ','))

export function challengeToForm(c: Challenge): ChallengeForm {
  return {
    title: c.title,
    summary: c.summary,
    problemStatement: c.problemStatement,
    desiredOutcome: c.desiredOutcome,
    sdgGoals: [...c.sdgGoals],
    sdgTargets: [...c.sdgTargets],
    eligibleEnterpriseKinds: [...c.eligibleEnterpriseKinds],
    eligibleRegions: c.eligibleRegions.join(', '),
    reservedArt282: c.reservedArt282,
    socialReturnPercent: decimalText(c.socialReturnPercent),
    budgetLines: c.budgetLines.map((l, i) => ({ key: i, portfolio: l.portfolio, amount: decimalText(l.amount) })),
    contractKind: c.contractKind,
    contractValue: decimalText(c.contractValue),
    contactName: c.contactName ?? '',
    contactEmail: c.contactEmail ?? '',
    publishAt: toAmsterdamInput(c.publishAt),
    questionsDeadline: toAmsterdamInput(c.questionsDeadline),
    submissionDeadline: toAmsterdamInput(c.submissionDeadline),
    decisionAt: toAmsterdamInput(c.decisionAt),
  }
}

/**
 * "40.000,50", "40000,50" and "40000.50" all mean forty thousand and a half: with a comma the dots
 * are thousands separators. Unreadable text becomes NaN, which the server rejects naming the field.
 */
export function parseDecimal(text: string): number | null {
  const value = parseDutchNumber(text)
  if (value === undefined || (value !== null && value < 0)) return Number.NaN
  return value
}

type DateField = 'publishAt' | 'questionsDeadline' | 'submissionDeadline' | 'decisionAt'

/**
 * The request body: every field, so the server holds exactly what the form shows. A date left as it was keeps
 * the stored instant (`instantFromInput`); an unreadable one is sent as typed, for the server to name.
 */
export function formToBody(form: ChallengeForm, stored: Challenge | null = null): CreateChallengeBody {
  const date = (field: DateField) => {
    const value = form[field]
    return value.trim() === '' ? null : (instantFromInput(value, stored?.[field]) ?? value)
  }
  const optional = (value: string) => (value.trim() === '' ? null : value.trim())
  return {
    title: form.title.trim(),
    summary: form.summary,
    problemStatement: form.problemStatement,
    desiredOutcome: form.desiredOutcome,
    sdgGoals: form.sdgGoals,
    sdgTargets: form.sdgTargets,
    eligibleEnterpriseKinds: form.eligibleEnterpriseKinds,
    eligibleRegions: [...new Set(form.eligibleRegions.split(',').map((r) => r.trim()).filter((r) => r !== ''))],
    reservedArt282: form.reservedArt282,
    socialReturnPercent: parseDecimal(form.socialReturnPercent),
    budgetLines: form.budgetLines.map((l) => ({ portfolio: l.portfolio.trim(), amount: parseDecimal(l.amount) ?? Number.NaN })),
    contractKind: form.contractKind,
    contractValue: parseDecimal(form.contractValue),
    contactName: optional(form.contactName),
    contactEmail: optional(form.contactEmail),
    publishAt: date('publishAt'),
    questionsDeadline: date('questionsDeadline'),
    submissionDeadline: date('submissionDeadline'),
    decisionAt: date('decisionAt'),
  }
}
