// Internal, index-based form of a round, so the base run, every stability variant and every SDG
// reuse one flat layout: O(scorecards × criteria) per run, no per-proposal scans of all scorecards.
import { aggregateInPlace } from './aggregation'
import { calibrateIndexed } from './calibration'
import { compareIds } from './ids'
import { competitionRanks, hundredths } from './ranking'
import { ignoredReason } from './scorecard-filter'
import { isBelowThreshold } from './thresholds'
import { normaliseScore } from './weighted-total'
import type { AggregationMethod, Criterion, IgnoredScorecard, Scorecard } from './types'

export interface PreparedRound {
  criteria: readonly Criterion[]
  proposalIds: string[]
  jurorIds: string[]
  /** Counted cards, grouped by proposal (cards of p: proposalStart[p] .. proposalStart[p+1]−1), by juror within. */
  proposalStart: Int32Array
  cardJuror: Int32Array
  /** raw[card·C + c]: raw score; unit[…]: the same on 0–1. */
  raw: Float64Array
  unit: Float64Array
  ignored: IgnoredScorecard[]
  unscoredProposalIds: string[]
}

export function prepareRound({
  criteria,
  scorecards,
}: {
  criteria: readonly Criterion[]
  scorecards: readonly Scorecard[]
}): PreparedRound {
  const ignored: IgnoredScorecard[] = []
  const seenProposals = new Set<string>()
  // One pass: classify, and number proposals and jurors in first-seen order.
  const proposalSeen = new Map<string, number>()
  const jurorSeen = new Map<string, number>()
  const countedCards: number[] = []
  const seenP: number[] = []
  const seenJ: number[] = []
  scorecards.forEach((scorecard, i) => {
    seenProposals.add(scorecard.proposalId)
    const reason = ignoredReason({ criteria, scorecard })
    if (reason !== null) {
      ignored.push({ jurorId: scorecard.jurorId, proposalId: scorecard.proposalId, reason })
      return
    }
    let p = proposalSeen.get(scorecard.proposalId)
    if (p === undefined) proposalSeen.set(scorecard.proposalId, (p = proposalSeen.size))
    let j = jurorSeen.get(scorecard.jurorId)
    if (j === undefined) jurorSeen.set(scorecard.jurorId, (j = jurorSeen.size))
    countedCards.push(i)
    seenP.push(p)
    seenJ.push(j)
  })
  // Renumber in id order so every output is independent of input order.
  const sortedIndex = (seen: Map<string, number>) => {
    const ids = [...seen.keys()].sort(compareIds)
    const remap = new Int32Array(ids.length)
    ids.forEach((id, i) => (remap[seen.get(id)!] = i))
    return { ids, remap }
  }
  const { ids: proposalIds, remap: proposalRemap } = sortedIndex(proposalSeen)
  const { ids: jurorIds, remap: jurorRemap } = sortedIndex(jurorSeen)
  const unscoredProposalIds = [...seenProposals].filter((id) => !proposalSeen.has(id)).sort(compareIds)

  // Counting sort by proposal, then by juror inside each (small) group.
  const P = proposalIds.length
  const n = countedCards.length
  const cardProposal = new Int32Array(n)
  const cardJurorIn = new Int32Array(n)
  const proposalStart = new Int32Array(P + 1)
  for (let i = 0; i < n; i++) {
    const p = proposalRemap[seenP[i]!]!
    cardProposal[i] = p
    cardJurorIn[i] = jurorRemap[seenJ[i]!]!
    proposalStart[p + 1]! += 1
  }
  for (let p = 0; p < P; p++) proposalStart[p + 1]! += proposalStart[p]!
  const fill = proposalStart.slice(0, P)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[fill[cardProposal[i]!]!++] = i
  for (let p = 0; p < P; p++) {
    const group = order.subarray(proposalStart[p]!, proposalStart[p + 1]!)
    group.sort((a, b) => cardJurorIn[a]! - cardJurorIn[b]!)
    for (let g = 1; g < group.length; g++) {
      if (cardJurorIn[group[g]!] === cardJurorIn[group[g - 1]!]) {
        // Which of two submitted scorecards is the real one is not ours to guess.
        throw new RangeError(
          `juror ${jurorIds[cardJurorIn[group[g]!]!]} has two counted scorecards for proposal ${proposalIds[p]}`,
        )
      }
    }
  }

  const C = criteria.length
  const cardJuror = new Int32Array(n)
  const raw = new Float64Array(n * C)
  const unit = new Float64Array(n * C)
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    const scores = scorecards[countedCards[i]!]!.scores
    cardJuror[k] = cardJurorIn[i]!
    for (let c = 0; c < C; c++) {
      const crit = criteria[c]!
      const s = scores[crit.id] as number
      raw[k * C + c] = s
      unit[k * C + c] = normaliseScore({ score: s, scaleMin: crit.scaleMin, scaleMax: crit.scaleMax })
    }
  }
  return { criteria, proposalIds, jurorIds, proposalStart, cardJuror, raw, unit, ignored, unscoredProposalIds }
}

export interface VariantScores {
  /** C per card (the totals themselves without calibration); NaN for a left-out juror when calibrating. */
  calibrated: Float64Array
  /** Per juror, calibration status codes (see calibration.ts). */
  calibrationStatus: Uint8Array
  /** Per proposal; NaN when no card of the proposal is in this run. */
  finalScore: Float64Array
}

/** R = 100 · Σ w_c·u_c per card, in the same summation order as jurorTotal so both agree exactly. */
export function cardTotals({ round, weights }: { round: PreparedRound; weights: Float64Array }): Float64Array {
  const C = round.criteria.length
  const n = round.cardJuror.length
  const totals = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    let t = 0
    for (let c = 0; c < C; c++) t += weights[c]! * round.unit[k * C + c]!
    totals[k] = 100 * t
  }
  return totals
}

/**
 * C and the aggregated score per proposal from the cards' totals R, optionally leaving one juror out
 * (its cards are skipped everywhere, including the calibration pool).
 */
export function scoreVariant({
  round,
  totals,
  skipJuror = -1,
  calibrate,
  aggregation,
}: {
  round: PreparedRound
  totals: Float64Array
  skipJuror?: number
  calibrate: boolean
  aggregation: AggregationMethod
}): VariantScores {
  let calibrated: Float64Array = totals
  let calibrationStatus: Uint8Array = new Uint8Array(round.jurorIds.length)
  if (calibrate) {
    const result = calibrateIndexed({
      totals,
      jurorOf: round.cardJuror,
      jurorCount: round.jurorIds.length,
      skipJuror,
    })
    calibrated = result.calibrated
    calibrationStatus = result.status
  }
  const P = round.proposalIds.length
  const finalScore = new Float64Array(P)
  let largest = 0
  for (let p = 0; p < P; p++) largest = Math.max(largest, round.proposalStart[p + 1]! - round.proposalStart[p]!)
  const scratch = new Float64Array(largest)
  for (let p = 0; p < P; p++) {
    let m = 0
    for (let k = round.proposalStart[p]!; k < round.proposalStart[p + 1]!; k++) {
      if (round.cardJuror[k] !== skipJuror) scratch[m++] = calibrated[k]!
    }
    finalScore[p] = m > 0 ? aggregateInPlace(scratch.subarray(0, m), aggregation) : Number.NaN
  }
  return { calibrated, calibrationStatus, finalScore }
}

/** Per proposal, the indices of criteria whose mean raw score (over the cards in this run) is below threshold. */
export function thresholdFailureIndices({
  round,
  skipJuror = -1,
}: {
  round: PreparedRound
  skipJuror?: number
}): number[][] {
  const C = round.criteria.length
  const P = round.proposalIds.length
  const withThreshold = round.criteria.flatMap((c, i) => (c.threshold != null ? [i] : []))
  const failures: number[][] = new Array(P)
  const sums = new Float64Array(C)
  for (let p = 0; p < P; p++) {
    const fails: number[] = []
    failures[p] = fails
    if (withThreshold.length === 0) continue
    sums.fill(0)
    let count = 0
    for (let k = round.proposalStart[p]!; k < round.proposalStart[p + 1]!; k++) {
      if (round.cardJuror[k] === skipJuror) continue
      count++
      for (const c of withThreshold) sums[c]! += round.raw[k * C + c]!
    }
    if (count === 0) continue
    for (const c of withThreshold) {
      if (isBelowThreshold({ mean: sums[c]! / count, threshold: round.criteria[c]!.threshold })) fails.push(c)
    }
  }
  return failures
}

/**
 * Ranking of the proposals present in a run (finalScore not NaN), by proposal index: rankOf is 0 for an
 * absent proposal. Proposal indices follow proposalId order, so the index is the tie order.
 */
export function rankRun({
  round,
  finalScore,
  failures,
}: {
  round: PreparedRound
  finalScore: Float64Array
  failures: readonly (readonly number[])[]
}): { order: Int32Array; rankOf: Int32Array; tiedOf: Uint8Array; keys: Float64Array } {
  const P = round.proposalIds.length
  const presentIdx: number[] = []
  for (let p = 0; p < P; p++) if (!Number.isNaN(finalScore[p]!)) presentIdx.push(p)
  const m = presentIdx.length
  const keys = new Float64Array(m)
  const passes = new Uint8Array(m)
  for (let i = 0; i < m; i++) {
    const p = presentIdx[i]!
    keys[i] = hundredths(finalScore[p]!)
    passes[i] = failures[p]!.length === 0 ? 1 : 0
  }
  const ranked = competitionRanks({ keys, passes, tieOrder: presentIdx })
  const order = new Int32Array(m)
  const rankOf = new Int32Array(P)
  const tiedOf = new Uint8Array(P)
  const keysOf = new Float64Array(P)
  for (let i = 0; i < m; i++) {
    const p = presentIdx[i]!
    order[i] = presentIdx[ranked.order[i]!]!
    rankOf[p] = ranked.rankOf[i]!
    tiedOf[p] = ranked.tiedOf[i]!
    keysOf[p] = keys[i]!
  }
  return { order, rankOf, tiedOf, keys: keysOf }
}
