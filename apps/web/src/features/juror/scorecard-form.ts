import { jurorTotal, weightSharesPercent } from '@opgave/domain'

/** What the scorecard screen needs of a criterion (the API's JuryCriterion fits). */
export interface FormCriterion {
  id: string
  weight: number
  scaleMin: number
  scaleMax: number
  levelDescriptors: readonly { score: number; description: string }[]
  sdgGoals: number[]
}

export interface StoredEntry {
  score: number | null
  comment: string | null
}

/** The typed text per criterion, kept as typed (never rounded or dropped) so no input is lost. */
export type ScoreForm = Record<string, { score: string; comment: string }>

export type ParsedScore = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid' }

/** "7", "7.5" and the Dutch "7,5" are numbers; empty is no score yet; anything else is invalid. */
export function parseScore(text: string): ParsedScore {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return { kind: 'invalid' }
  return { kind: 'number', value: Number(trimmed.replace(',', '.')) }
}

export function formFromScores(criteria: readonly FormCriterion[], scores: Readonly<Record<string, StoredEntry>>): ScoreForm {
  return Object.fromEntries(criteria.map((c) => [c.id, { score: scores[c.id]?.score === null || scores[c.id]?.score === undefined ? '' : String(scores[c.id]!.score), comment: scores[c.id]?.comment ?? '' }]))
}

export type FieldProblem = 'not_a_number' | 'out_of_scale'

/**
 * The save body for the form, and the fields that cannot be sent as typed. Such a field is sent
 * without a score (the server would refuse the whole card otherwise) while its text stays on screen.
 */
export function scoresBody(criteria: readonly FormCriterion[], form: ScoreForm): { scores: Record<string, { score: number | null; comment: string | null }>; problems: Record<string, FieldProblem> } {
  const scores: Record<string, { score: number | null; comment: string | null }> = {}
  const problems: Record<string, FieldProblem> = {}
  for (const c of criteria) {
    const entry = form[c.id] ?? { score: '', comment: '' }
    const parsed = parseScore(entry.score)
    let score: number | null = null
    if (parsed.kind === 'invalid') problems[c.id] = 'not_a_number'
    else if (parsed.kind === 'number' && (parsed.value < c.scaleMin || parsed.value > c.scaleMax)) problems[c.id] = 'out_of_scale'
    else if (parsed.kind === 'number') score = parsed.value
    const comment = entry.comment.trim()
    scores[c.id] = { score, comment: comment === '' ? null : comment }
  }
  return { scores, problems }
}

/**
 * The live weighted total R (0–100) while typing: the same `jurorTotal` the API counts with, and
 * null until every criterion has a valid score. `scored` says how far the juror is.
 */
export function liveTotal(criteria: readonly FormCriterion[], form: ScoreForm): { total: number | null; scored: number; of: number } {
  const { scores, problems } = scoresBody(criteria, form)
  const scored = criteria.filter((c) => scores[c.id]?.score !== null).length
  if (criteria.length === 0 || scored < criteria.length || Object.keys(problems).length > 0) return { total: null, scored, of: criteria.length }
  return { total: jurorTotal({ criteria, scores: Object.fromEntries(criteria.map((c) => [c.id, scores[c.id]!.score])) }), scored, of: criteria.length }
}

/** Weights as shares of 100 %, as the juror should read them (the API normalises the same way). */
export function weightShares(criteria: readonly FormCriterion[]): Record<string, number> {
  const shares = weightSharesPercent(criteria.map((c) => c.weight))
  return Object.fromEntries(criteria.map((c, i) => [c.id, shares[i]!]))
}

/** The level descriptor that applies to a score: the highest level at or below it. */
export function descriptorFor(criterion: Pick<FormCriterion, 'levelDescriptors'>, score: number | null): { score: number; description: string } | null {
  if (score === null) return null
  const levels = [...criterion.levelDescriptors].sort((a, b) => a.score - b.score)
  let found: { score: number; description: string } | null = null
  for (const level of levels) if (level.score <= score) found = level
  return found
}

/** Criteria on which the stored card (after a 409) differs from what the juror typed. */
export function differingCriteria(criteria: readonly FormCriterion[], mine: ScoreForm, theirs: ScoreForm): string[] {
  const same = (a: string, b: string) => a.trim() === b.trim()
  return criteria
    .filter((c) => {
      const a = mine[c.id] ?? { score: '', comment: '' }
      const b = theirs[c.id] ?? { score: '', comment: '' }
      const pa = parseScore(a.score)
      const pb = parseScore(b.score)
      const scoreSame = pa.kind === 'number' && pb.kind === 'number' ? pa.value === pb.value : same(a.score, b.score)
      return !scoreSame || !same(a.comment, b.comment)
    })
    .map((c) => c.id)
}

/**
 * After a version conflict the juror chooses. "mine" keeps every typed value and saves it on top of
 * the stored version; "theirs" shows the stored card. Either way the next save starts from the
 * stored version, so nothing is overwritten unseen.
 */
export function resolveConflict(choice: 'mine' | 'theirs', mine: ScoreForm, theirs: { form: ScoreForm; version: number }): { form: ScoreForm; version: number; saveAgain: boolean } {
  if (choice === 'mine') return { form: copyForm(mine), version: theirs.version, saveAgain: true }
  return { form: copyForm(theirs.form), version: theirs.version, saveAgain: false }
}

/** A plain copy (also of a reactive proxy, which structuredClone refuses). */
const copyForm = (form: ScoreForm): ScoreForm => Object.fromEntries(Object.entries(form).map(([id, e]) => [id, { score: e.score, comment: e.comment }]))

/** The proposals before and after this one in the juror's list, for previous/next navigation. */
export function neighbours<T extends { proposalId: string }>(items: readonly T[], proposalId: string): { previous: T | null; next: T | null; position: number } {
  const i = items.findIndex((x) => x.proposalId === proposalId)
  if (i < 0) return { previous: null, next: null, position: 0 }
  return { previous: items[i - 1] ?? null, next: items[i + 1] ?? null, position: i + 1 }
}

export type ScorecardStatus = 'not_started' | 'draft' | 'submitted'

/** Progress of one round for the inbox: how many cards are submitted, in draft, not started. */
export function roundProgress(items: readonly { scorecardStatus: ScorecardStatus }[]): Record<ScorecardStatus, number> & { total: number } {
  const out = { not_started: 0, draft: 0, submitted: 0, total: items.length }
  for (const i of items) out[i.scorecardStatus]++
  return out
}

/** Keyboard stepping of a score field (arrow keys, Page Up/Down, Home/End), kept within the scale. */
export function stepScore(text: string, key: string, scale: { scaleMin: number; scaleMax: number }): string | null {
  const parsed = parseScore(text)
  if (parsed.kind === 'invalid') return null
  const clamp = (v: number) => Math.min(scale.scaleMax, Math.max(scale.scaleMin, v))
  const current = parsed.kind === 'number' ? parsed.value : null
  const big = Math.max(1, Math.round((scale.scaleMax - scale.scaleMin) / 10))
  switch (key) {
    case 'Home':
      return String(scale.scaleMin)
    case 'End':
      return String(scale.scaleMax)
    case 'ArrowUp':
      return String(current === null ? scale.scaleMin : clamp(current + 1))
    case 'ArrowDown':
      return String(current === null ? scale.scaleMin : clamp(current - 1))
    case 'PageUp':
      return String(current === null ? scale.scaleMin : clamp(current + big))
    case 'PageDown':
      return String(current === null ? scale.scaleMin : clamp(current - big))
    default:
      return null
  }
}
