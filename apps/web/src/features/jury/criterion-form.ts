import { weightSharesPercent } from '@opgave/domain'
import { parseDutchNumber } from '../../composables/dutch-number'
import type { UiMessage } from '../../composables/messages'
import type { CreateCriterionBody, JuryCriterion } from './api'

/** A criterion as the form holds it: numbers as typed (Dutch decimal comma allowed). */
export interface CriterionDraft {
  name: string
  description: string
  weight: string
  scaleMin: string
  scaleMax: string
  threshold: string
  levels: { score: string; description: string }[]
  sdgGoals: number[]
  sdgTargets: string[]
}

export type CriterionField = 'name' | 'weight' | 'scaleMin' | 'scaleMax' | 'threshold' | 'levels'
export interface CriterionFormError {
  field: CriterionField
  message: UiMessage
}

const show = (n: number) => String(n).replace('.', ',')

export function emptyCriterion(): CriterionDraft {
  return { name: '', description: '', weight: '1', scaleMin: '0', scaleMax: '10', threshold: '', levels: [], sdgGoals: [], sdgTargets: [] }
}

export function draftFromCriterion(c: JuryCriterion): CriterionDraft {
  return {
    name: c.name,
    description: c.description,
    weight: show(c.weight),
    scaleMin: show(c.scaleMin),
    scaleMax: show(c.scaleMax),
    threshold: c.threshold === null ? '' : show(c.threshold),
    levels: c.levelDescriptors.map((l) => ({ score: show(l.score), description: l.description })),
    sdgGoals: [...c.sdgGoals],
    sdgTargets: [...c.sdgTargets],
  }
}

/**
 * The request body for a draft, or the field errors the server would give (so the chair sees them
 * before a round trip): a positive weight, min < max, a threshold and level scores on the scale,
 * no two descriptors for the same score.
 */
export function criterionBody(draft: CriterionDraft): { ok: true; body: Required<Omit<CreateCriterionBody, 'position'>> } | { ok: false; errors: CriterionFormError[] } {
  const errors: CriterionFormError[] = []
  const number = (field: CriterionField, text: string, optional = false): number | null => {
    const value = parseDutchNumber(text)
    if (value === null && optional) return null
    if (value === null) errors.push({ field, message: { key: 'jury.criterion.errors.required' } })
    else if (value === undefined) errors.push({ field, message: { key: 'jury.criterion.errors.number' } })
    return value ?? null
  }
  const name = draft.name.trim()
  if (name === '') errors.push({ field: 'name', message: { key: 'jury.criterion.errors.required' } })
  const weight = number('weight', draft.weight)
  if (weight !== null && weight <= 0) errors.push({ field: 'weight', message: { key: 'jury.criterion.errors.weightPositive' } })
  const scaleMin = number('scaleMin', draft.scaleMin)
  const scaleMax = number('scaleMax', draft.scaleMax)
  const scaleOk = scaleMin !== null && scaleMax !== null && scaleMin < scaleMax
  if (scaleMin !== null && scaleMax !== null && !scaleOk) errors.push({ field: 'scaleMax', message: { key: 'jury.criterion.errors.scale' } })
  const threshold = number('threshold', draft.threshold, true)
  if (threshold !== null && scaleOk && (threshold < scaleMin || threshold > scaleMax)) errors.push({ field: 'threshold', message: { key: 'jury.criterion.errors.onScale' } })
  const levels: { score: number; description: string }[] = []
  for (const level of draft.levels) {
    const description = level.description.trim()
    if (level.score.trim() === '' && description === '') continue
    const score = parseDutchNumber(level.score)
    if (score === null || score === undefined || description === '') {
      errors.push({ field: 'levels', message: { key: 'jury.criterion.errors.level' } })
      continue
    }
    if (scaleOk && (score < scaleMin || score > scaleMax)) errors.push({ field: 'levels', message: { key: 'jury.criterion.errors.onScale' } })
    else if (levels.some((l) => l.score === score)) errors.push({ field: 'levels', message: { key: 'jury.criterion.errors.levelTwice', params: { score: show(score) } } })
    else levels.push({ score, description })
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    body: {
      name,
      description: draft.description.trim(),
      weight: weight!,
      scaleMin: scaleMin!,
      scaleMax: scaleMax!,
      threshold,
      levelDescriptors: levels.sort((a, b) => a.score - b.score),
      sdgGoals: [...draft.sdgGoals].sort((a, b) => a - b),
      // A target counts only with its goal (server rule).
      sdgTargets: draft.sdgTargets.filter((code) => draft.sdgGoals.includes(Number(code.split('.')[0]))),
    },
  }
}

/** Each criterion's share of the round's total weight, in percent (what weights mean to the jury). */
export function weightShares(criteria: readonly { id: string; weight: number }[]): Map<string, number> {
  const shares = weightSharesPercent(criteria.map((c) => c.weight))
  return new Map(criteria.map((c, i) => [c.id, shares[i]!]))
}
