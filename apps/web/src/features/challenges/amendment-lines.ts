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

const decimal = (value: number, locale: string) => numberFormat(locale, { maximumFractionDigits: 2 }).format(value)

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
      return `${decimal(Number(value), locale)}%`
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
  for (const change of amendment.criteria) lines.push(criterionLine(change, text))
  return lines
}

function criterionLine(change: ChallengeAmendment['criteria'][number], { t, locale }: AmendmentText): string {
  const number = (value: number | null) => (value === null ? t('challengeAmendments.noMinimum') : decimal(value, locale))
  const names = { name: change.name, round: change.round }
  if (change.kind === 'removed') return t('challengeAmendments.criterionRemoved', names)
  if (change.kind === 'added') {
    const weight = number(change.weight?.to ?? null)
    const minimum = change.threshold?.to ?? null
    return minimum === null ? t('challengeAmendments.criterionAdded', { ...names, weight }) : t('challengeAmendments.criterionAddedWithMinimum', { ...names, weight, minimum: number(minimum) })
  }
  const details = [
    ...(change.weight ? [t('challengeAmendments.weightChanged', { from: number(change.weight.from), to: number(change.weight.to) })] : []),
    ...(change.threshold ? [t('challengeAmendments.minimumChanged', { from: number(change.threshold.from), to: number(change.threshold.to) })] : []),
  ]
  return details.length === 0 ? t('challengeAmendments.criterionChanged', names) : t('challengeAmendments.criterionChangedDetail', { ...names, details: details.join('; ') })
}
