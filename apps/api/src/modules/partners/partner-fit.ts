/** An enterprise as the directory knows it, for matching against a challenge. */
export interface FitCandidate {
  readonly id: string
  readonly name: string
  readonly sdgGoals: readonly number[]
  readonly lookingForPartners: boolean
}

/**
 * Enterprises whose SDG profile shares goals with the challenge: most shared goals first, then those
 * looking for partners, then by name. Enterprises sharing no goal are left out.
 */
export function rankByFit<T extends FitCandidate>(challengeGoals: readonly number[], candidates: readonly T[], limit = 20): (T & { matchingSdgs: number[] })[] {
  const goals = new Set(challengeGoals)
  return candidates
    .map((c) => ({ ...c, matchingSdgs: [...new Set(c.sdgGoals)].filter((g) => goals.has(g)).sort((a, b) => a - b) }))
    .filter((c) => c.matchingSdgs.length > 0)
    .sort((a, b) => b.matchingSdgs.length - a.matchingSdgs.length || Number(b.lookingForPartners) - Number(a.lookingForPartners) || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id))
    .slice(0, limit)
}
