import { dutchDateTime, dutchEuros, dutchNumber } from '../../lib/dutch-format'
import type { MergedChallenge } from './challenges.input'

/**
 * What changed in a published challenge, as told to its followers and applicants. Pure and plain JSON: it is
 * stored with the waiting mail, so changes made within the settling time merge into one mail that still
 * says where each deadline or amount started and where it ended.
 */
export interface ChallengeChanges {
  title: string
  link: string
  /** The challenge's dates as .ics, offered when a date moved. */
  calendarLink: string
  /** Fields whose old and new value the mail shows (dates as ISO text, money in cents). */
  values: Partial<Record<ValueField, { from: Scalar; to: Scalar }>>
  /** Fields the mail only names (long texts and lists). */
  named: NamedField[]
  /** Criteria of the jury rounds added, changed or removed, with old and new weight and minimum. */
  criteria: CriterionChange[]
}

/** One criterion added, changed or removed; merged by `id` when changes gather. */
export interface CriterionChange {
  id: string
  round: string
  name: string
  kind: 'added' | 'changed' | 'removed'
  /** A changed criterion's old and new weight; an added one's weight in `to`. */
  weight?: { from: number | null; to: number | null }
  /** Likewise its minimum (threshold); null is none. */
  threshold?: { from: number | null; to: number | null }
}

type CriterionFacts = { id: string; name: string; weight: number; threshold: number | null }

export type Scalar = string | number | boolean | null
type Values = MergedChallenge['values']

/** In the order the mail lists them: what decides whether and when to apply first. */
const VALUE_FIELDS = ['submissionDeadline', 'questionsDeadline', 'decisionAt', 'contractValueCents', 'contractKind', 'socialReturnPercent', 'reservedArt282', 'title', 'contactName', 'contactEmail'] as const
const NAMED_FIELDS = ['eligibleEnterpriseKinds', 'eligibleRegions', 'summary', 'problemStatement', 'desiredOutcome', 'sdgGoals', 'sdgTargets', 'budgetLines'] as const
export type ValueField = (typeof VALUE_FIELDS)[number]
const DATE_FIELDS = ['submissionDeadline', 'questionsDeadline', 'decisionAt'] as const satisfies readonly ValueField[]
export type NamedField = (typeof NAMED_FIELDS)[number]

const LABELS: Record<ValueField | NamedField, string> = {
  submissionDeadline: 'Indienen tot',
  questionsDeadline: 'Vragen stellen tot',
  decisionAt: 'Besluit verwacht',
  contractValueCents: 'Waarde van prijs of opdracht',
  contractKind: 'Soort opdracht',
  socialReturnPercent: 'Social return',
  reservedArt282: 'Voorbehouden opdracht (art. 2.82)',
  title: 'Titel',
  contactName: 'Contactpersoon',
  contactEmail: 'E-mailadres contactpersoon',
  eligibleEnterpriseKinds: 'Soorten ondernemingen die mogen inschrijven',
  eligibleRegions: "Regio's",
  summary: 'Samenvatting',
  problemStatement: 'Probleemstelling',
  desiredOutcome: 'Gewenst resultaat',
  sdgGoals: 'SDG-doelen',
  sdgTargets: 'SDG-subdoelen',
  budgetLines: 'Budgetregels',
}

const scalar = (value: Values[ValueField]): Scalar => (value instanceof Date ? value.toISOString() : value)

/** The changes from one stored version to the next; `budgetLinesChanged` is decided by the caller, who has the lines. */
export function challengeChanges(before: Values, after: Values, context: { link: string; calendarLink: string; budgetLinesChanged: boolean }): ChallengeChanges {
  const values: ChallengeChanges['values'] = {}
  for (const field of VALUE_FIELDS) {
    const from = scalar(before[field])
    const to = scalar(after[field])
    if (from !== to) values[field] = { from, to }
  }
  // Texts and lists compare by their JSON; the budget lines live in their own table, so the caller compares them.
  const named = NAMED_FIELDS.filter((field) => (field === 'budgetLines' ? context.budgetLinesChanged : JSON.stringify(before[field]) !== JSON.stringify(after[field])))
  return { title: after.title, link: context.link, calendarLink: context.calendarLink, values, named, criteria: [] }
}

/** A criterion of a round before and after a change (null: it did not exist), as one `CriterionChange`. */
export function criterionChange(round: string, before: CriterionFacts | null, after: CriterionFacts | null): CriterionChange {
  const facts = (after ?? before)!
  if (!before) return { id: facts.id, round, name: facts.name, kind: 'added', weight: { from: null, to: facts.weight }, threshold: { from: null, to: facts.threshold } }
  if (!after) return { id: facts.id, round, name: facts.name, kind: 'removed' }
  return withoutNoChange({ id: facts.id, round, name: after.name, kind: 'changed', weight: { from: before.weight, to: after.weight }, threshold: { from: before.threshold, to: after.threshold } })
}

/** A change to the criteria of a round, in the same shape, so it joins the challenge's waiting mail. */
export function criteriaChanges(title: string, link: string, calendarLink: string, change: CriterionChange): ChallengeChanges {
  return { title, link, calendarLink, values: {}, named: [], criteria: [change] }
}

function withoutNoChange(change: CriterionChange): CriterionChange {
  if (change.kind !== 'changed') return change
  const { weight, threshold, ...rest } = change
  return { ...rest, ...(weight && weight.from !== weight.to ? { weight } : {}), ...(threshold && threshold.from !== threshold.to ? { threshold } : {}) }
}

/** Two successive changes of one value as one: from where the first started to where the last ended. */
const spanning = <T>(first: { from: T; to: T } | undefined, next: { from: T; to: T } | undefined) => (first && next ? { from: first.from, to: next.to } : (first ?? next))

/** A criterion's changes gathered: added then changed stays added (with the newest values), added then removed is nothing. */
function mergeCriteria(waiting: readonly CriterionChange[], newer: readonly CriterionChange[]): CriterionChange[] {
  const merged = [...waiting]
  for (const next of newer) {
    const i = merged.findIndex((c) => c.id === next.id)
    const first = merged[i]
    if (!first) merged.push(next)
    else if (next.kind === 'removed') {
      if (first.kind === 'added') merged.splice(i, 1)
      else merged[i] = { id: next.id, round: next.round, name: first.name, kind: 'removed' }
    } else if (first.kind === 'added') {
      merged[i] = { ...first, name: next.name, round: next.round, weight: { from: null, to: next.weight?.to ?? first.weight?.to ?? null }, threshold: { from: null, to: next.threshold ? next.threshold.to : (first.threshold?.to ?? null) } }
    } else merged[i] = withoutNoChange({ ...next, kind: 'changed', weight: spanning(first.weight, next.weight), threshold: spanning(first.threshold, next.threshold) })
  }
  return merged
}

/**
 * A waiting mail's changes with newer ones merged in: a value keeps its first `from` and takes the newest `to`
 * (a deadline moved and moved back is no change at all); named fields and rounds are the union.
 */
export function mergeChallengeChanges(waiting: ChallengeChanges, newer: ChallengeChanges): ChallengeChanges {
  const values: ChallengeChanges['values'] = {}
  for (const field of VALUE_FIELDS) {
    const merged = spanning(waiting.values[field], newer.values[field])
    if (merged && merged.from !== merged.to) values[field] = merged
  }
  const named = NAMED_FIELDS.filter((f) => waiting.named.includes(f) || newer.named.includes(f))
  return { title: newer.title, link: newer.link, calendarLink: newer.calendarLink, values, named, criteria: mergeCriteria(waiting.criteria, newer.criteria) }
}

export function hasChanges(changes: ChallengeChanges): boolean {
  return Object.keys(changes.values).length > 0 || changes.named.length > 0 || changes.criteria.length > 0
}

const CONTRACT_KINDS: Record<string, string> = { prize: 'prijs', pilot_contract: 'pilotopdracht' }

function formatValue(field: ValueField, value: Scalar): string {
  if (value === null || value === '') return 'niet ingevuld'
  switch (field) {
    case 'submissionDeadline':
    case 'questionsDeadline':
    case 'decisionAt':
      return dutchDateTime(String(value))
    case 'contractValueCents':
      return dutchEuros(Number(value))
    case 'socialReturnPercent':
      return `${dutchNumber(Number(value))}% van de opdrachtwaarde`
    case 'reservedArt282':
      return value ? 'ja' : 'nee'
    case 'contractKind':
      return CONTRACT_KINDS[String(value)] ?? String(value)
    default:
      return `"${String(value)}"`
  }
}

const minimum = (value: number | null) => (value === null ? 'geen' : dutchNumber(value))

function criterionLine(change: CriterionChange): string {
  if (change.kind === 'removed') return `Criterium "${change.name}" verwijderd uit "${change.round}"`
  if (change.kind === 'added') {
    const facts = [`gewicht ${change.weight?.to}`, ...(change.threshold?.to != null ? [`minimum ${minimum(change.threshold.to)}`] : [])]
    return `Criterium "${change.name}" toegevoegd aan "${change.round}" (${facts.join(', ')})`
  }
  const facts = [
    ...(change.weight ? [`gewicht was ${change.weight.from}, nu ${change.weight.to}`] : []),
    ...(change.threshold ? [`minimum was ${minimum(change.threshold.from)}, nu ${minimum(change.threshold.to)}`] : []),
  ]
  return `Criterium "${change.name}" in "${change.round}" aangepast${facts.length > 0 ? `: ${facts.join('; ')}` : ''}`
}

/** The lines of the mail that say what changed, one per field or criterion. */
export function changeLines(changes: ChallengeChanges): string[] {
  const lines: string[] = []
  for (const field of VALUE_FIELDS) {
    const change = changes.values[field]
    if (change) lines.push(`- ${LABELS[field]}: was ${formatValue(field, change.from)}, nu ${formatValue(field, change.to)}`)
  }
  for (const field of changes.named) lines.push(`- ${LABELS[field]}`)
  for (const change of changes.criteria) lines.push(`- ${criterionLine(change)}`)
  return lines
}

/**
 * The mail for the changes, or null when nothing is left to say. Its subject says "Beoordeling" when only
 * criteria changed, so an applicant sees at a glance that how proposals are judged moved.
 */
export function renderChangesMail(changes: ChallengeChanges, footer: string): { subject: string; text: string } | null {
  if (!hasChanges(changes)) return null
  const onlyCriteria = Object.keys(changes.values).length === 0 && changes.named.length === 0
  const datesMoved = DATE_FIELDS.some((field) => changes.values[field])
  return {
    subject: `${onlyCriteria ? 'Beoordeling' : 'Uitdaging'} gewijzigd: ${changes.title}`,
    text: [
      `De uitdaging "${changes.title}" is gewijzigd. Dit is er veranderd:`,
      ...changeLines(changes),
      '',
      `Bekijk de actuele versie: ${changes.link}`,
      ...(datesMoved ? [`Zet de termijnen opnieuw in uw agenda (.ics): ${changes.calendarLink}`] : []),
      '',
      footer,
    ].join('\n'),
  }
}
