import { numberFormat } from '../../app/intl-formats'
import { formatDateTime, formatEuros } from './format'
import type { ChallengeAmendment } from './types'

type Changed = ChallengeAmendment['changed']
type Field = keyof Changed
type Value = string | number | boolean | null

/** What a line needs from the app: the translator and the locale. */
export interface AmendmentText {
  t: (key: string, values?: Record<string, unknown>) => string
  /** The app's locale, 'nl' or 'en'. */
  locale: string
}

/** In the order the server's mail uses: what decides whether and when to apply first. */
const FIELD_ORDER: Field[] = ['submissionDeadline', 'questionsDeadline', 'decisionAt', 'contractValue', 'contractKind', 'socialReturnPercent', 'reservedArt282', 'title']

function valueText(field: Field, value: Value, { t, locale }: AmendmentText): string {
  if (value === null || value === '') return t('challengeAmendments.notSet')
  switch (field) {
    case 'submissionDeadline':
    case 'questionsDeadline':
    case 'decisionAt':
      return formatDateTime(String(value), locale)
    case 'contractValue':
      return formatEuros(Number(value), locale)
    case 'socialReturnPercent':
      return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(Number(value))}%`
    case 'reservedArt282':
      return t(value ? 'challengeAmendments.yes' : 'challengeAmendments.no')
    case 'contractKind':
      return t(`challenges.contractKind.${String(value)}`)
    default:
      return `“${String(value)}”`
  }
}

/** One amendment as sentences in the reader's language: "Indienen tot: was …, nu …", then named fields, then rounds. */
export function amendmentLines(amendment: ChallengeAmendment, text: AmendmentText): string[] {
  const { t } = text
  const lines: string[] = []
  for (const field of FIELD_ORDER) {
    const change = amendment.changed[field] as { from: Value; to: Value } | undefined
    if (!change) continue
    lines.push(t('challengeAmendments.valueChanged', { field: t(`challenges.fields.${field}`), from: valueText(field, change.from, text), to: valueText(field, change.to, text) }))
  }
  for (const field of amendment.named) lines.push(t('challengeAmendments.fieldChanged', { field: t(`challenges.fields.${field}`) }))
  for (const round of amendment.criteriaRounds) lines.push(t('challengeAmendments.criteriaChanged', { round }))
  return lines
}
