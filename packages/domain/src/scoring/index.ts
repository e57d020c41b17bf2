export type {
  AggregationMethod,
  AlphaResult,
  AlphaUndefinedReason,
  Criterion,
  IgnoredReason,
  IgnoredScorecard,
  JurorTotal,
  ProposalResult,
  RoundResults,
  Scorecard,
  ScoringOptions,
  StabilityVariant,
  UncalibratedJuror,
  UncalibratedReason,
} from './types'
export { normaliseScore, normaliseWeights, jurorTotal, weightSharesPercent } from './weighted-total'
export { countedScorecards } from './scorecard-filter'
export { calibrateTotals, type CalibratedTotal } from './calibration'
export { aggregate } from './aggregation'
export { disagreement, DEFAULT_DISAGREEMENT_THRESHOLD } from './disagreement'
export { krippendorffAlphaInterval } from './krippendorff-alpha'
export { thresholdFailures } from './thresholds'
export { rankProposals, type RankingEntry, type RankedProposal } from './ranking'
export { stabilityVariants, summariseRankStability, DEFAULT_TOP_N } from './rank-stability'
export { sdgWeightSets } from './per-sdg'
export { computeRoundResults } from './compute-round-results'
