/**
 * Rules for a round's criteria and a juror's scorecard that the scoring pipeline takes for granted:
 * a valid scale, descriptors and threshold on that scale, and a score per criterion inside it.
 */

export interface LevelDescriptor {
  score: number
  description: string
}

export interface CriterionShape {
  weight: number
  scaleMin: number
  scaleMax: number
  threshold?: number | null
  levelDescriptors: readonly LevelDescriptor[]
}

export interface CriterionProblem {
  /** JSON pointer relative to the criterion, e.g. /scaleMax or /levelDescriptors/1/score. */
  field: string
  code: 'jury.scale_invalid' | 'jury.weight_invalid' | 'jury.threshold_out_of_scale' | 'jury.descriptor_out_of_scale' | 'jury.descriptor_duplicate'
  message: string
}

/** Problems of one criterion; empty when it can be scored and aggregated. */
export function validateCriterion(c: CriterionShape): CriterionProblem[] {
  const problems: CriterionProblem[] = []
  if (!(Number.isFinite(c.weight) && c.weight > 0)) problems.push({ field: '/weight', code: 'jury.weight_invalid', message: 'The weight must be a positive number.' })
  const scaleOk = Number.isFinite(c.scaleMin) && Number.isFinite(c.scaleMax) && c.scaleMax > c.scaleMin
  if (!scaleOk) {
    // Normalising (s − min)/(max − min) needs max > min; everything below is relative to the scale.
    problems.push({ field: '/scaleMax', code: 'jury.scale_invalid', message: 'The scale maximum must be greater than the minimum.' })
    return problems
  }
  const onScale = (v: number) => v >= c.scaleMin && v <= c.scaleMax
  if (c.threshold !== undefined && c.threshold !== null && !onScale(c.threshold)) {
    problems.push({ field: '/threshold', code: 'jury.threshold_out_of_scale', message: `The threshold must lie between ${c.scaleMin} and ${c.scaleMax}.` })
  }
  const seen = new Set<number>()
  c.levelDescriptors.forEach((d, i) => {
    if (!onScale(d.score)) problems.push({ field: `/levelDescriptors/${i}/score`, code: 'jury.descriptor_out_of_scale', message: `A level must lie between ${c.scaleMin} and ${c.scaleMax}.` })
    else if (seen.has(d.score)) problems.push({ field: `/levelDescriptors/${i}/score`, code: 'jury.descriptor_duplicate', message: `Level ${d.score} is described twice.` })
    seen.add(d.score)
  })
  return problems
}

export interface ScoreEntry {
  score: number | null
  comment?: string | null
}

export interface ScorecardCheck {
  /** Every criterion has a score on its scale. */
  complete: boolean
  missing: string[]
  outOfRange: string[]
  unknown: string[]
}

/**
 * Whether a scorecard may be submitted: every criterion scored on its scale and nothing else.
 * Drafts may be partial, but never out of range or about criteria that do not exist.
 */
export function checkScorecard({
  criteria,
  scores,
}: {
  criteria: readonly { id: string; scaleMin: number; scaleMax: number }[]
  scores: Readonly<Record<string, ScoreEntry>>
}): ScorecardCheck {
  const byId = new Map(criteria.map((c) => [c.id, c]))
  const missing: string[] = []
  const outOfRange: string[] = []
  for (const c of criteria) {
    const s = scores[c.id]?.score
    if (s === undefined || s === null) missing.push(c.id)
    else if (!Number.isFinite(s) || s < c.scaleMin || s > c.scaleMax) outOfRange.push(c.id)
  }
  const unknown = Object.keys(scores).filter((id) => !byId.has(id))
  return { complete: missing.length === 0 && outOfRange.length === 0 && unknown.length === 0, missing, outOfRange, unknown }
}

/** Whether any criterion has been given a score: from then on the criteria are locked. */
export const hasAnyScore = (scores: Readonly<Record<string, ScoreEntry>>) => Object.values(scores).some((e) => e.score !== null && e.score !== undefined)
