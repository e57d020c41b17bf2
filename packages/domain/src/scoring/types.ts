// Input and output model of the round scoring pipeline (PRODUCT.md, "Jury and scoring").

export interface Criterion {
  id: string
  /** Relative weight, > 0; normalised to sum 1 over the round's criteria. */
  weight: number
  scaleMin: number
  scaleMax: number
  /** Knock-out threshold on the raw scale; null/undefined = none. */
  threshold?: number | null
  sdgGoals: number[]
}

export interface Scorecard {
  jurorId: string
  proposalId: string
  submitted: boolean
  /** Raw score per criterion id; null = not (yet) scored. */
  scores: Record<string, number | null>
}

export type AggregationMethod = 'mean' | 'median' | 'trimmed_mean'

export interface ScoringOptions {
  /** Aggregation across jurors; default 'mean'. */
  aggregation?: AggregationMethod
  /** z-score juror calibration; default false (C = R). */
  calibrate?: boolean
  /** Disagreement flag when the population sd of R exceeds this (0–100 points); default 15. */
  disagreementThreshold?: number
  /** Size of the top set watched by rank stability; default 3. */
  topN?: number
  /** Compute rank stability (2·criteria + jurors extra runs); default true. */
  includeStability?: boolean
}

export type IgnoredReason = 'not_submitted' | 'incomplete' | 'out_of_range'

export interface IgnoredScorecard {
  jurorId: string
  proposalId: string
  reason: IgnoredReason
}

export type UncalibratedReason = 'too_few_proposals' | 'zero_deviation'

export interface UncalibratedJuror {
  jurorId: string
  reason: UncalibratedReason
}

export type AlphaUndefinedReason = 'no_pairable_units' | 'no_variation'

/** Krippendorff's alpha; null (with reason) where it is undefined, never NaN. */
export type AlphaResult = {
  /** Pairable values: values in units with at least 2 values. */
  pairableValues: number
  /** Units with at least 2 values. */
  pairableUnits: number
  observedDisagreement: number
  expectedDisagreement: number
} & ({ alpha: number; reason: null } | { alpha: null; reason: AlphaUndefinedReason })

export type StabilityVariant =
  | { kind: 'weight'; criterionId: string; factor: 0.8 | 1.2 }
  | { kind: 'leave_juror_out'; jurorId: string }

export interface JurorTotal {
  jurorId: string
  /** R on 0–100. */
  raw: number
  /** C (= R when not calibrated). */
  calibrated: number
}

export interface ProposalResult {
  proposalId: string
  /** Counted scorecards only, ordered by jurorId. */
  jurorTotals: JurorTotal[]
  finalScore: number
  /** finalScore rounded to two decimals: the value ties are decided on. */
  roundedScore: number
  disagreement: { sd: number; flagged: boolean }
  /** Criterion ids whose mean raw score is below their threshold, in criteria order. */
  thresholdFailures: string[]
  rank: number
  tied: boolean
  /** Per SDG goal tagged on any criterion: the pipeline restricted to that goal's criteria. */
  perSdg: Record<number, number>
  /** null when options.includeStability is false. */
  stability: { bestRank: number; worstRank: number } | null
}

export interface RoundResults {
  /** In rank order; ties by proposalId. */
  proposals: ProposalResult[]
  alphaOverall: AlphaResult
  alphaPerCriterion: Record<string, AlphaResult>
  uncalibratedJurors: UncalibratedJuror[]
  ignoredScorecards: number
  ignoredScorecardDetails: IgnoredScorecard[]
  /** Proposals that only have ignored scorecards: not ranked. */
  unscoredProposalIds: string[]
  topN: number
  /** null when options.includeStability is false. */
  topNChanges: boolean | null
  changingVariants: StabilityVariant[]
}
