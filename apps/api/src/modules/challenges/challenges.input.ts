import type { CreateChallengeBody, ProblemFieldError, UpdateChallengeBody } from '@opgave/contracts'
import { eurosToCents, isValidPercent, challengePublicationProblems, validateChallengeDates, validateSdgSelection } from '@opgave/domain'
import type { Static } from '@sinclair/typebox'
import type { ChallengeRow } from './challenges.table'

type FieldError = Static<typeof ProblemFieldError>
type Input = Partial<Omit<UpdateChallengeBody, 'version'>> & Partial<Pick<CreateChallengeBody, 'title'>>

/** The column values an edit leads to: stored values overlaid with the fields the body names. */
export interface MergedChallenge {
  values: Omit<ChallengeRow, 'id' | 'municipalityId' | 'slug' | 'status' | 'publishedAt' | 'version' | 'createdBy' | 'search' | 'createdAt' | 'updatedAt'>
  /** Present only when the body replaces the budget lines. */
  budgetLines?: { portfolio: string; amountCents: number; position: number }[]
  errors: FieldError[]
}

const date = (value: string | null | undefined, fallback: Date | null): Date | null => (value === undefined ? fallback : value === null ? null : new Date(value))
const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value)

const EMPTY: MergedChallenge['values'] = {
  title: '',
  summary: '',
  problemStatement: '',
  desiredOutcome: '',
  sdgGoals: [],
  sdgTargets: [],
  eligibleEnterpriseKinds: [],
  eligibleRegions: [],
  reservedArt282: false,
  socialReturnPercent: null,
  contractKind: 'pilot_contract',
  contractValueCents: null,
  contactName: null,
  contactEmail: null,
  publishAt: null,
  questionsDeadline: null,
  submissionDeadline: null,
  decisionAt: null,
}

/**
 * Overlays the body on the stored challenge (or on an empty one when creating) and checks what holds
 * for drafts too: SDG selection, money with at most two decimals, percentages, the order of dates.
 * Every problem is collected, each pointing at its field (e.g. /sdgTargets/1, /budgetLines/0/amount).
 */
export function mergeChallengeInput(stored: MergedChallenge['values'] | null, body: Input): MergedChallenge {
  const base = stored ?? EMPTY
  const errors: FieldError[] = []
  const values: MergedChallenge['values'] = {
    title: body.title !== undefined ? body.title.trim() : base.title,
    summary: pick(body.summary, base.summary),
    problemStatement: pick(body.problemStatement, base.problemStatement),
    desiredOutcome: pick(body.desiredOutcome, base.desiredOutcome),
    sdgGoals: pick(body.sdgGoals, base.sdgGoals),
    sdgTargets: pick(body.sdgTargets, base.sdgTargets),
    eligibleEnterpriseKinds: pick(body.eligibleEnterpriseKinds, base.eligibleEnterpriseKinds),
    eligibleRegions: body.eligibleRegions !== undefined ? body.eligibleRegions.map((r) => r.trim()) : base.eligibleRegions,
    reservedArt282: pick(body.reservedArt282, base.reservedArt282),
    socialReturnPercent: pick(body.socialReturnPercent, base.socialReturnPercent),
    contractKind: pick(body.contractKind, base.contractKind),
    contractValueCents: base.contractValueCents,
    contactName: body.contactName !== undefined ? (body.contactName?.trim() ?? null) : base.contactName,
    contactEmail: body.contactEmail !== undefined ? (body.contactEmail?.trim().toLowerCase() ?? null) : base.contactEmail,
    publishAt: date(body.publishAt, base.publishAt),
    questionsDeadline: date(body.questionsDeadline, base.questionsDeadline),
    submissionDeadline: date(body.submissionDeadline, base.submissionDeadline),
    decisionAt: date(body.decisionAt, base.decisionAt),
  }
  if (values.title === '') errors.push({ field: '/title', code: 'minLength', message: 'The title must not be empty.' })

  for (const p of validateSdgSelection({ goals: values.sdgGoals, targets: values.sdgTargets })) {
    const field = p.field === 'goals' ? 'sdgGoals' : 'sdgTargets'
    errors.push({ field: `/${field}/${p.index}`, code: p.code, message: `${field}[${p.index}] (${p.value}): ${p.code.replace('sdg.', '').replaceAll('_', ' ')}` })
  }

  if (body.contractValue !== undefined) {
    if (body.contractValue === null) values.contractValueCents = null
    else {
      const cents = eurosToCents(body.contractValue)
      if (cents === undefined) errors.push({ field: '/contractValue', code: 'challenge.invalid_amount', message: 'Use euros with at most two decimals.' })
      else values.contractValueCents = cents
    }
  }
  if (values.socialReturnPercent !== null && !isValidPercent(values.socialReturnPercent)) {
    errors.push({ field: '/socialReturnPercent', code: 'challenge.invalid_percent', message: 'Use a percentage from 0 to 100 with at most two decimals.' })
  }

  let budgetLines: MergedChallenge['budgetLines']
  if (body.budgetLines !== undefined) {
    budgetLines = []
    body.budgetLines.forEach((line, index) => {
      const cents = eurosToCents(line.amount)
      const portfolio = line.portfolio.trim()
      if (portfolio === '') errors.push({ field: `/budgetLines/${index}/portfolio`, code: 'minLength', message: 'Name the portfolio.' })
      if (cents === undefined) errors.push({ field: `/budgetLines/${index}/amount`, code: 'challenge.invalid_amount', message: 'Use euros with at most two decimals.' })
      else budgetLines!.push({ portfolio, amountCents: cents, position: index })
    })
  }

  if (values.questionsDeadline && values.submissionDeadline) {
    for (const p of validateChallengeDates({
      publishAt: values.publishAt ?? undefined,
      questionsDeadline: values.questionsDeadline,
      submissionDeadline: values.submissionDeadline,
      decisionAt: values.decisionAt ?? undefined,
    })) {
      errors.push({ field: `/${p.field}`, code: p.code, message: p.message })
    }
  }
  return { values, budgetLines, errors }
}

/** What publishing (or editing a published challenge) requires, on the server clock. */
export function completenessErrors(values: MergedChallenge['values'], budgetLineCount: number, now: Date): FieldError[] {
  return challengePublicationProblems({ ...values, budgetLineCount }, now).map((p) => ({ field: p.field, code: p.code, message: p.message }))
}
