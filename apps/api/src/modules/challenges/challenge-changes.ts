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
  /** Names of the jury rounds whose criteria were added, changed or removed. */
  criteriaRounds: string[]
}

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
const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b)

/** The changes from one stored version to the next; `budgetLinesChanged` is decided by the caller, who has the lines. */
export function challengeChanges(before: Values, after: Values, context: { link: string; calendarLink: string; budgetLinesChanged: boolean }): ChallengeChanges {
  const values: ChallengeChanges['values'] = {}
  for (const field of VALUE_FIELDS) {
    const from = scalar(before[field])
    const to = scalar(after[field])
    if (from !== to) values[field] = { from, to }
  }
  const named = NAMED_FIELDS.filter((field) =>
    field === 'budgetLines' ? context.budgetLinesChanged : Array.isArray(before[field]) ? !sameList(before[field] as unknown[], after[field] as unknown[]) : before[field] !== after[field],
  )
  return { title: after.title, link: context.link, calendarLink: context.calendarLink, values, named, criteriaRounds: [] }
}

/** A change to the criteria of one round, in the same shape, so it joins the challenge's waiting mail. */
export function criteriaChanges(title: string, link: string, calendarLink: string, roundName: string): ChallengeChanges {
  return { title, link, calendarLink, values: {}, named: [], criteriaRounds: [roundName] }
}

/**
 * A waiting mail's changes with newer ones merged in: a value keeps its first `from` and takes the newest `to`
 * (a deadline moved and moved back is no change at all); named fields and rounds are the union.
 */
export function mergeChallengeChanges(waiting: ChallengeChanges, newer: ChallengeChanges): ChallengeChanges {
  const values: ChallengeChanges['values'] = {}
  for (const field of VALUE_FIELDS) {
    const first = waiting.values[field]
    const next = newer.values[field]
    const merged = first && next ? { from: first.from, to: next.to } : (first ?? next)
    if (merged && merged.from !== merged.to) values[field] = merged
  }
  const named = NAMED_FIELDS.filter((f) => waiting.named.includes(f) || newer.named.includes(f))
  const criteriaRounds = [...new Set([...waiting.criteriaRounds, ...newer.criteriaRounds])]
  return { title: newer.title, link: newer.link, calendarLink: newer.calendarLink, values, named, criteriaRounds }
}

export function hasChanges(changes: ChallengeChanges): boolean {
  return Object.keys(changes.values).length > 0 || changes.named.length > 0 || changes.criteriaRounds.length > 0
}

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
const wholeEuros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
/** € 25.000 for whole amounts, € 30.000,50 with cents. */
const formatCents = (cents: number) => (cents % 100 === 0 ? wholeEuros : euros).format(cents / 100)
const CONTRACT_KINDS: Record<string, string> = { prize: 'prijs', pilot_contract: 'pilotopdracht' }

function formatValue(field: ValueField, value: Scalar): string {
  if (value === null || value === '') return 'niet ingevuld'
  switch (field) {
    case 'submissionDeadline':
    case 'questionsDeadline':
    case 'decisionAt':
      return dateTime.format(new Date(String(value)))
    case 'contractValueCents':
      return formatCents(Number(value))
    case 'socialReturnPercent':
      return `${String(value).replace('.', ',')}% van de opdrachtwaarde`
    case 'reservedArt282':
      return value ? 'ja' : 'nee'
    case 'contractKind':
      return CONTRACT_KINDS[String(value)] ?? String(value)
    default:
      return `"${String(value)}"`
  }
}

/** The lines of the mail that say what changed, one per field or round. */
export function changeLines(changes: ChallengeChanges): string[] {
  const lines: string[] = []
  for (const field of VALUE_FIELDS) {
    const change = changes.values[field]
    if (change) lines.push(`- ${LABELS[field]}: was ${formatValue(field, change.from)}, nu ${formatValue(field, change.to)}`)
  }
  for (const field of changes.named) lines.push(`- ${LABELS[field]}`)
  for (const round of changes.criteriaRounds) lines.push(`- Beoordelingscriteria van "${round}"`)
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
