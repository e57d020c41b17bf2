import type { AlphaResult, RoundResults } from '@opgave/domain'

export type { RoundResults }

/** The stored results are typed `unknown` in the API contract; check the shape before trusting it. */
export function asRoundResults(value: unknown): RoundResults | null {
  if (typeof value !== 'object' || value === null) return null
  const r = value as Partial<RoundResults>
  return Array.isArray(r.proposals) && typeof r.alphaOverall === 'object' ? (r as RoundResults) : null
}

export interface RankingRow {
  proposalId: string
  title: string
  rank: number
  tied: boolean
  finalScore: number
  /** Mean of the jurors' uncalibrated totals R: shown next to the (possibly calibrated) final score. */
  rawMean: number
  jurorCount: number
  disagreement: number
  flagged: boolean
  failedCriteria: string[]
  bestRank: number | null
  worstRank: number | null
}

export function rankingRows(results: RoundResults, titles: Record<string, string>, criterionNames: Record<string, string>): RankingRow[] {
  return results.proposals.map((p) => ({
    proposalId: p.proposalId,
    title: titles[p.proposalId] ?? p.proposalId,
    rank: p.rank,
    tied: p.tied,
    finalScore: p.finalScore,
    rawMean: p.jurorTotals.length > 0 ? p.jurorTotals.reduce((s, j) => s + j.raw, 0) / p.jurorTotals.length : 0,
    jurorCount: p.jurorTotals.length,
    disagreement: p.disagreement.sd,
    flagged: p.disagreement.flagged,
    failedCriteria: p.thresholdFailures.map((id) => criterionNames[id] ?? id),
    bestRank: p.stability?.bestRank ?? null,
    worstRank: p.stability?.worstRank ?? null,
  }))
}

export type RankingFilter = 'all' | 'flagged' | 'failing' | 'tied' | 'unstable'

export function filterRows(rows: readonly RankingRow[], filter: RankingFilter, query: string): RankingRow[] {
  const q = query.trim().toLowerCase()
  return rows.filter((r) => {
    if (q !== '' && !r.title.toLowerCase().includes(q)) return false
    switch (filter) {
      case 'flagged':
        return r.flagged
      case 'failing':
        return r.failedCriteria.length > 0
      case 'tied':
        return r.tied
      case 'unstable':
        return r.bestRank !== null && r.bestRank !== r.worstRank
      case 'all':
        return true
    }
  })
}

export interface Page<T> {
  items: T[]
  page: number
  pageCount: number
  /** 1-based positions of the first and last item shown; 0 when empty. */
  from: number
  to: number
  total: number
}

/** One page of a long list; an out-of-range page number is clamped rather than showing nothing. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
  const start = (current - 1) * pageSize
  const items = rows.slice(start, start + pageSize)
  return { items, page: current, pageCount, from: items.length > 0 ? start + 1 : 0, to: start + items.length, total: rows.length }
}

/** Alpha with two decimals, or the reason it is undefined (as a message key). */
export function alphaDisplay(alpha: AlphaResult): { value: number; key: null } | { value: null; key: string } {
  if (alpha.alpha === null) return { value: null, key: `jury.results.alphaUndefined.${alpha.reason}` }
  return { value: alpha.alpha, key: null }
}

/** Krippendorff's own reading: ≥ 0.8 reliable, ≥ 0.667 tentative, below that the jury disagrees. */
export function alphaVerdict(alpha: number): 'reliable' | 'tentative' | 'low' {
  if (alpha >= 0.8) return 'reliable'
  if (alpha >= 0.667) return 'tentative'
  return 'low'
}

/**
 * Each juror's calibrated z-score on a proposal: how far their total lies from their own mean, in
 * their own deviations. Jurors the pipeline left uncalibrated (fewer than 3 proposals, σ = 0) get null.
 */
export function jurorZScores(results: RoundResults): Map<string, Map<string, number | null>> {
  const byJuror = new Map<string, { proposalId: string; raw: number }[]>()
  for (const p of results.proposals) for (const j of p.jurorTotals) byJuror.set(j.jurorId, [...(byJuror.get(j.jurorId) ?? []), { proposalId: p.proposalId, raw: j.raw }])
  const uncalibrated = new Set(results.uncalibratedJurors.map((u) => u.jurorId))
  const out = new Map<string, Map<string, number | null>>()
  for (const [jurorId, totals] of byJuror) {
    const mean = totals.reduce((s, t) => s + t.raw, 0) / totals.length
    const sd = Math.sqrt(totals.reduce((s, t) => s + (t.raw - mean) ** 2, 0) / totals.length)
    const usable = !uncalibrated.has(jurorId) && totals.length >= 3 && sd > 0
    out.set(jurorId, new Map(totals.map((t) => [t.proposalId, usable ? (t.raw - mean) / sd : null])))
  }
  return out
}

/** Top-N choices for the shortlist that do not split a tie: the ranks where a cut is clean. */
export function cleanCuts(rows: readonly Pick<RankingRow, 'rank' | 'failedCriteria'>[]): number[] {
  const passing = rows.filter((r) => r.failedCriteria.length === 0)
  const cuts: number[] = []
  for (let n = 1; n <= passing.length; n++) if (n === passing.length || passing[n]!.rank !== passing[n - 1]!.rank) cuts.push(n)
  return cuts
}
