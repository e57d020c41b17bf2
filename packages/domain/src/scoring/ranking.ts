import { compareIds } from './ids'

export interface RankingEntry {
  proposalId: string
  score: number
  passesThresholds: boolean
}

export interface RankedProposal extends RankingEntry {
  /** score rounded to two decimals: equal values share a rank. */
  roundedScore: number
  rank: number
  tied: boolean
}

/**
 * Rounds to two decimals the way toFixed does (exactly, on the binary value), returned as integer
 * hundredths so equality is exact. Math.round(x * 100) would add the multiplication's rounding error.
 */
export function hundredths(score: number): number {
  if (!Number.isFinite(score)) throw new RangeError(`score ${score} is not finite`)
  return Math.round(Number(score.toFixed(2)) * 100)
}

/**
 * Index-based core shared by rankProposals and the stability variants (which run it 2·criteria +
 * jurors times, so it avoids objects). Entry i has key[i] (hundredths), passes[i] and tieOrder[i]
 * (its position in proposalId order). Returns the entries in ranked order and each entry's rank.
 */
export function competitionRanks({
  keys,
  passes,
  tieOrder,
}: {
  keys: ArrayLike<number>
  passes: ArrayLike<number>
  tieOrder: ArrayLike<number>
}): { order: Uint32Array; rankOf: Int32Array; tiedOf: Uint8Array } {
  const n = keys.length
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  // Passing first, then higher rounded score, then proposalId.
  order.sort(
    (a, b) => passes[b]! - passes[a]! || keys[b]! - keys[a]! || tieOrder[a]! - tieOrder[b]!,
  )
  const rankOf = new Int32Array(n)
  const tiedOf = new Uint8Array(n)
  let groupStart = 0
  for (let i = 1; i <= n; i++) {
    const cur = order[i]
    const start = order[groupStart]!
    if (cur !== undefined && keys[cur] === keys[start] && passes[cur] === passes[start]) continue
    // Close the group [groupStart, i): competition rank = 1 + number of proposals ahead.
    const tied = i - groupStart > 1 ? 1 : 0
    for (let g = groupStart; g < i; g++) {
      rankOf[order[g]!] = groupStart + 1
      tiedOf[order[g]!] = tied
    }
    groupStart = i
  }
  return { order, rankOf, tiedOf }
}

/**
 * Competition ranking (1, 2, 2, 4) by score descending, equal at two decimals = same rank and tied.
 * Proposals failing a threshold come after all passing ones, ranked among themselves the same way;
 * ranks continue. Within a tie the order is by proposalId (rank number stays shared).
 */
export function rankProposals({ entries }: { entries: readonly RankingEntry[] }): {
  ranking: RankedProposal[]
} {
  const keys = entries.map((e) => hundredths(e.score))
  const passes = entries.map((e) => (e.passesThresholds ? 1 : 0))
  const byId = entries.map((_, i) => i).sort((a, b) => compareIds(entries[a]!.proposalId, entries[b]!.proposalId))
  const tieOrder = new Int32Array(entries.length)
  byId.forEach((entryIndex, position) => (tieOrder[entryIndex] = position))
  const { order, rankOf, tiedOf } = competitionRanks({ keys, passes, tieOrder })
  return {
    ranking: Array.from(order, (i) => ({
      ...entries[i]!,
      roundedScore: keys[i]! / 100,
      rank: rankOf[i]!,
      tied: tiedOf[i] === 1,
    })),
  }
}
