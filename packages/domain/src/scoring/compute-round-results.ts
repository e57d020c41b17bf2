import { uncalibratedReason } from './calibration'
import { assertValidCriteria } from './criteria'
import { DEFAULT_DISAGREEMENT_THRESHOLD, disagreement } from './disagreement'
import { krippendorffAlphaInterval } from './krippendorff-alpha'
import { sdgWeightSets } from './per-sdg'
import { DEFAULT_TOP_N, stabilityVariants, summariseRanks, variantRawWeights } from './rank-stability'
import { cardTotals, prepareRound, rankRun, scoreVariant, thresholdFailureIndices } from './round-pipeline'
import { normaliseWeightVector } from './weighted-total'
import type {
  AggregationMethod,
  AlphaResult,
  Criterion,
  ProposalResult,
  RoundResults,
  Scorecard,
  ScoringOptions,
  StabilityVariant,
  UncalibratedJuror,
} from './types'

const METHODS: readonly AggregationMethod[] = ['mean', 'median', 'trimmed_mean']

function resolveOptions(options: ScoringOptions) {
  const aggregation = options.aggregation ?? 'mean'
  if (!METHODS.includes(aggregation)) throw new RangeError(`unknown aggregation ${String(aggregation)}`)
  const disagreementThreshold = options.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD
  if (!Number.isFinite(disagreementThreshold) || disagreementThreshold < 0) {
    throw new RangeError('disagreementThreshold must be a finite number ≥ 0')
  }
  const topN = options.topN ?? DEFAULT_TOP_N
  if (!Number.isInteger(topN) || topN < 1) throw new RangeError('topN must be an integer ≥ 1')
  return {
    aggregation,
    calibrate: options.calibrate ?? false,
    disagreementThreshold,
    topN,
    includeStability: options.includeStability ?? true,
  }
}

/**
 * The full, deterministic result of a jury round (PRODUCT.md "Aggregation"): per proposal the juror
 * totals R and C, final score, disagreement, threshold failures, rank and tie, per-SDG scores and rank
 * stability; per round Krippendorff's alpha (on R and per criterion on raw scores), the jurors kept
 * uncalibrated and the ignored scorecards.
 */
export function computeRoundResults({
  criteria,
  scorecards,
  options = {},
}: {
  criteria: readonly Criterion[]
  scorecards: readonly Scorecard[]
  options?: ScoringOptions
}): RoundResults {
  assertValidCriteria(criteria)
  const opts = resolveOptions(options)
  const round = prepareRound({ criteria, scorecards })
  const C = criteria.length
  const P = round.proposalIds.length
  const { proposalStart, cardJuror } = round

  const baseWeights = normaliseWeightVector(criteria.map((c) => c.weight))
  const baseTotals = cardTotals({ round, weights: baseWeights })
  const base = scoreVariant({ round, totals: baseTotals, calibrate: opts.calibrate, aggregation: opts.aggregation })
  const baseFailures = thresholdFailureIndices({ round })
  const baseRanking = rankRun({ round, finalScore: base.finalScore, failures: baseFailures })

  // Per-SDG: the same pipeline (R, calibration, aggregation) with weights restricted to the goal.
  const perSdgScores = sdgWeightSets({ criteria }).sdgs.map(({ goal, weights }) => ({
    goal,
    finalScore: scoreVariant({
      round,
      totals: cardTotals({ round, weights: Float64Array.from(criteria, (c) => weights.get(c.id)!) }),
      calibrate: opts.calibrate,
      aggregation: opts.aggregation,
    }).finalScore,
  }))

  // Rank stability: base plus every variant; thresholds only move when a juror is left out.
  let stability: { bestRank: Int32Array; worstRank: Int32Array; changingVariants: StabilityVariant[] } | null = null
  if (opts.includeStability) {
    const { variants } = stabilityVariants({ criteria, jurorIds: round.jurorIds })
    const variantRanks = variants.map((variant) => {
      if (variant.kind === 'weight') {
        const totals = cardTotals({ round, weights: normaliseWeightVector(variantRawWeights({ criteria, variant })) })
        const scores = scoreVariant({ round, totals, calibrate: opts.calibrate, aggregation: opts.aggregation })
        return rankRun({ round, finalScore: scores.finalScore, failures: baseFailures }).rankOf
      }
      const skipJuror = round.jurorIds.indexOf(variant.jurorId)
      // Weights are the base ones, so R is too; only calibration, aggregation and thresholds change.
      const scores = scoreVariant({
        round,
        totals: baseTotals,
        skipJuror,
        calibrate: opts.calibrate,
        aggregation: opts.aggregation,
      })
      const failures = thresholdFailureIndices({ round, skipJuror })
      return rankRun({ round, finalScore: scores.finalScore, failures }).rankOf
    })
    const summary = summariseRanks({ baseRank: baseRanking.rankOf, variantRanks, topN: opts.topN })
    stability = {
      bestRank: summary.bestRank,
      worstRank: summary.worstRank,
      changingVariants: summary.changing.map((v) => variants[v]!),
    }
  }

  const proposals: ProposalResult[] = Array.from(baseRanking.order, (p) => {
    const start = proposalStart[p]!
    const end = proposalStart[p + 1]!
    const jurorTotals = []
    for (let k = start; k < end; k++) {
      jurorTotals.push({ jurorId: round.jurorIds[cardJuror[k]!]!, raw: baseTotals[k]!, calibrated: base.calibrated[k]! })
    }
    const perSdg: Record<number, number> = {}
    for (const s of perSdgScores) perSdg[s.goal] = s.finalScore[p]!
    return {
      proposalId: round.proposalIds[p]!,
      jurorTotals,
      finalScore: base.finalScore[p]!,
      roundedScore: baseRanking.keys[p]! / 100,
      disagreement: disagreement({ totals: baseTotals.subarray(start, end), threshold: opts.disagreementThreshold }),
      thresholdFailures: baseFailures[p]!.map((c) => criteria[c]!.id),
      rank: baseRanking.rankOf[p]!,
      tied: baseRanking.tiedOf[p] === 1,
      perSdg,
      stability: stability ? { bestRank: stability.bestRank[p]!, worstRank: stability.worstRank[p]! } : null,
    }
  })

  // Alpha: proposals are units, jurors coders; only which values share a unit matters (see alpha).
  const unitsOf = (values: Float64Array) =>
    Array.from({ length: P }, (_, p) => values.subarray(proposalStart[p]!, proposalStart[p + 1]!))
  const alphaOverall = krippendorffAlphaInterval({ matrix: unitsOf(baseTotals) })
  const alphaPerCriterion: Record<string, AlphaResult> = Object.fromEntries(
    criteria.map((crit, c) => {
      const column = new Float64Array(cardJuror.length)
      for (let k = 0; k < column.length; k++) column[k] = round.raw[k * C + c]!
      return [crit.id, krippendorffAlphaInterval({ matrix: unitsOf(column) })]
    }),
  )

  const uncalibratedJurors: UncalibratedJuror[] = []
  if (opts.calibrate) {
    round.jurorIds.forEach((jurorId, j) => {
      const reason = uncalibratedReason(base.calibrationStatus[j]!)
      if (reason) uncalibratedJurors.push({ jurorId, reason })
    })
  }

  return {
    proposals,
    alphaOverall,
    alphaPerCriterion,
    uncalibratedJurors,
    ignoredScorecards: round.ignored.length,
    ignoredScorecardDetails: round.ignored,
    unscoredProposalIds: round.unscoredProposalIds,
    topN: opts.topN,
    topNChanges: stability ? stability.changingVariants.length > 0 : null,
    changingVariants: stability ? stability.changingVariants : [],
  }
}
