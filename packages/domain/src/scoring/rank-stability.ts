import type { Criterion, StabilityVariant } from './types'

export const DEFAULT_TOP_N = 3
export const WEIGHT_FACTORS = [0.8, 1.2] as const

/** The variants rank stability recomputes: each criterion's weight × 0.8 and × 1.2, then each juror left out. */
export function stabilityVariants({
  criteria,
  jurorIds,
}: {
  criteria: readonly Criterion[]
  jurorIds: readonly string[]
}): { variants: StabilityVariant[] } {
  const variants: StabilityVariant[] = []
  for (const c of criteria) {
    for (const factor of WEIGHT_FACTORS) variants.push({ kind: 'weight', criterionId: c.id, factor })
  }
  for (const jurorId of jurorIds) variants.push({ kind: 'leave_juror_out', jurorId })
  return { variants }
}

/** Raw weights of a weight variant (renormalised later, like the base weights). */
export function variantRawWeights({
  criteria,
  variant,
}: {
  criteria: readonly Criterion[]
  variant: StabilityVariant
}): number[] {
  return criteria.map((c) =>
    variant.kind === 'weight' && variant.criterionId === c.id ? c.weight * variant.factor : c.weight,
  )
}

/**
 * Index-based core: ranks per proposal index, 0 = not ranked in that run. Best/worst over the base
 * and every variant in which the proposal is ranked; a variant changes the top N when the set of
 * proposals with rank ≤ N differs from the base one (by rank, not position, so proposals tied at the
 * boundary are in or out together).
 */
export function summariseRanks({
  baseRank,
  variantRanks,
  topN,
}: {
  baseRank: Int32Array
  variantRanks: readonly Int32Array[]
  topN: number
}): { bestRank: Int32Array; worstRank: Int32Array; changing: number[] } {
  const bestRank = baseRank.slice()
  const worstRank = baseRank.slice()
  const inTop = (r: number) => r > 0 && r <= topN
  const changing: number[] = []
  variantRanks.forEach((ranks, v) => {
    let changed = false
    for (let p = 0; p < baseRank.length; p++) {
      const r = ranks[p]!
      if (baseRank[p] === 0) continue
      if (r > 0) {
        if (r < bestRank[p]!) bestRank[p] = r
        if (r > worstRank[p]!) worstRank[p] = r
      }
      if (inTop(r) !== inTop(baseRank[p]!)) changed = true
    }
    // A proposal absent from the base cannot be in a variant either (variants only remove jurors).
    if (changed) changing.push(v)
  })
  return { bestRank, worstRank, changing }
}

interface Ranked {
  proposalId: string
  rank: number
}

/**
 * Best and worst rank per proposal over the base ranking and all variants (a proposal missing from a
 * variant, e.g. its only juror left out, is skipped there), and the variants whose top-N set differs
 * from the base top-N set.
 */
export function summariseRankStability({
  base,
  variants,
  topN = DEFAULT_TOP_N,
}: {
  base: readonly Ranked[]
  variants: readonly { variant: StabilityVariant; ranking: readonly Ranked[] }[]
  topN?: number
}): {
  perProposal: Map<string, { bestRank: number; worstRank: number }>
  topNChanges: boolean
  changingVariants: StabilityVariant[]
} {
  const index = new Map(base.map((r, i) => [r.proposalId, i]))
  const toRanks = (ranking: readonly Ranked[]) => {
    const ranks = new Int32Array(base.length)
    for (const r of ranking) {
      const i = index.get(r.proposalId)
      if (i === undefined) throw new RangeError(`proposal ${r.proposalId} is ranked in a variant but not in the base`)
      ranks[i] = r.rank
    }
    return ranks
  }
  const { bestRank, worstRank, changing } = summariseRanks({
    baseRank: toRanks(base),
    variantRanks: variants.map((v) => toRanks(v.ranking)),
    topN,
  })
  const changingVariants = changing.map((v) => variants[v]!.variant)
  return {
    perProposal: new Map(base.map((r, i) => [r.proposalId, { bestRank: bestRank[i]!, worstRank: worstRank[i]! }])),
    topNChanges: changingVariants.length > 0,
    changingVariants,
  }
}
