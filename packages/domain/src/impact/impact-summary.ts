/**
 * The impact dashboard's figures, computed from plain rows so that the API, the open data and the
 * tests agree on one definition. Everything a public dashboard shows is derived here; the API only
 * reads rows (never drafts, never unvalidated reports) and passes them in.
 *
 * Definitions (also shown beside the charts):
 * - A challenge counts when it was published (never a draft) and its publication date lies in the period.
 * - Budget per SDG: a challenge's budget is divided equally over its SDGs (whole cents; the remainder
 *   goes to the lowest goal numbers), so the bars add up to the total budget.
 * - Proposals received: proposals currently submitted (withdrawn ones are not counted).
 * - Enterprises reached: distinct lead or accepted partner enterprises of a received proposal.
 * - Pilots: winners of challenges whose results are published.
 * - Social return committed: what the winning proposals promised; realised: the sum of validated reports.
 */

export interface ImpactChallengeInput {
  readonly id: string
  /** The status as users see it (see effectiveChallengeStatus). Drafts must not be passed in. */
  readonly status: string
  readonly publishedAt: Date
  readonly sdgGoals: readonly number[]
  readonly reservedArt282: boolean
  readonly socialReturnPercent: number | null
  readonly contractValueCents: number | null
  readonly budgetLines: readonly { readonly portfolio: string; readonly amountCents: number }[]
}

export interface ImpactProposalInput {
  readonly challengeId: string
  readonly leadEnterpriseId: string
  readonly partnerEnterpriseIds: readonly string[]
}

export interface ImpactEnterpriseInput {
  readonly id: string
  readonly isSocialEnterprise: boolean
}

export interface ImpactPilotInput {
  readonly proposalId: string
  readonly challengeId: string
  /** The amount awarded: the winner's requested budget, else the challenge's contract value divided over its winners. */
  readonly awardedCents: number
  readonly promisedJobs: number
  readonly promisedHours: number
  /** Validated reports only. */
  readonly validatedReports: readonly {
    readonly jobs: number
    readonly hours: number
    readonly amountCents: number
  }[]
}

export interface ImpactPeriod {
  /** Inclusive. */
  readonly from?: Date
  /** Exclusive. */
  readonly to?: Date
}

export interface ImpactInput {
  readonly challenges: readonly ImpactChallengeInput[]
  readonly proposals: readonly ImpactProposalInput[]
  readonly enterprises: readonly ImpactEnterpriseInput[]
  readonly pilots: readonly ImpactPilotInput[]
}

/** Fresh arrays and objects, owned by the caller. */
export interface ImpactSummary {
  challengeCount: number
  challengesPerSdg: { sdg: number; challenges: number }[]
  challengesPerStatus: { status: string; challenges: number }[]
  budgetTotalCents: number
  budgetPerSdg: { sdg: number; budgetCents: number }[]
  budgetPerPortfolio: { portfolio: string; budgetCents: number }[]
  proposalsReceived: number
  enterprisesReached: number
  socialEnterprisesReached: number
  reservedArt282Challenges: number
  socialReturn: {
    committedJobs: number
    committedHours: number
    realisedJobs: number
    realisedHours: number
    realisedAmountCents: number
  }
  pilots: {
    awarded: number
    awardedCents: number
    /** Pilots with at least one validated report. */
    reporting: number
  }
}

/** Statuses in lifecycle order; the per-status chart always lists all of them (zero included). */
export const IMPACT_STATUSES = ['published', 'closed', 'in_evaluation', 'decided', 'results_published', 'archived'] as const

export function isInPeriod(at: Date, period: ImpactPeriod): boolean {
  const t = at.getTime()
  return (period.from === undefined || t >= period.from.getTime()) && (period.to === undefined || t < period.to.getTime())
}

/** Splits whole cents over n parts; the first `remainder` parts get one cent more. */
export function splitCents(amountCents: number, parts: number): number[] {
  if (parts <= 0) return []
  const base = Math.floor(amountCents / parts)
  const remainder = amountCents - base * parts
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0))
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

export function summariseImpact(input: ImpactInput, period: ImpactPeriod = {}): ImpactSummary {
  const challenges = input.challenges.filter((c) => isInPeriod(c.publishedAt, period))
  const ids = new Set(challenges.map((c) => c.id))

  const perSdg = new Map<number, { challenges: number; budgetCents: number }>()
  const perPortfolio = new Map<string, number>()
  const perStatus = new Map<string, number>(IMPACT_STATUSES.map((s) => [s, 0]))
  let budgetTotalCents = 0
  for (const c of challenges) {
    const budget = sum(c.budgetLines.map((l) => l.amountCents))
    budgetTotalCents += budget
    const goals = [...new Set(c.sdgGoals)].sort((a, b) => a - b)
    const shares = splitCents(budget, goals.length)
    goals.forEach((sdg, i) => {
      const entry = perSdg.get(sdg) ?? { challenges: 0, budgetCents: 0 }
      entry.challenges += 1
      entry.budgetCents += shares[i]!
      perSdg.set(sdg, entry)
    })
    for (const line of c.budgetLines) perPortfolio.set(line.portfolio, (perPortfolio.get(line.portfolio) ?? 0) + line.amountCents)
    perStatus.set(c.status, (perStatus.get(c.status) ?? 0) + 1)
  }

  const proposals = input.proposals.filter((p) => ids.has(p.challengeId))
  const reached = new Set(proposals.flatMap((p) => [p.leadEnterpriseId, ...p.partnerEnterpriseIds]))
  const social = new Set(input.enterprises.filter((e) => e.isSocialEnterprise).map((e) => e.id))

  const pilots = input.pilots.filter((p) => ids.has(p.challengeId))
  const reports = pilots.flatMap((p) => p.validatedReports)
  const sdgs = [...perSdg.entries()].sort(([a], [b]) => a - b)

  return {
    challengeCount: challenges.length,
    challengesPerSdg: sdgs.map(([sdg, e]) => ({ sdg, challenges: e.challenges })),
    challengesPerStatus: [...perStatus.entries()].map(([status, n]) => ({ status, challenges: n })),
    budgetTotalCents,
    budgetPerSdg: sdgs.map(([sdg, e]) => ({ sdg, budgetCents: e.budgetCents })),
    budgetPerPortfolio: [...perPortfolio.entries()]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'nl'))
      .map(([portfolio, budgetCents]) => ({ portfolio, budgetCents })),
    proposalsReceived: proposals.length,
    enterprisesReached: reached.size,
    socialEnterprisesReached: [...reached].filter((id) => social.has(id)).length,
    reservedArt282Challenges: challenges.filter((c) => c.reservedArt282).length,
    socialReturn: {
      committedJobs: sum(pilots.map((p) => p.promisedJobs)),
      committedHours: sum(pilots.map((p) => p.promisedHours)),
      realisedJobs: sum(reports.map((r) => r.jobs)),
      realisedHours: sum(reports.map((r) => r.hours)),
      realisedAmountCents: sum(reports.map((r) => r.amountCents)),
    },
    pilots: {
      awarded: pilots.length,
      awardedCents: sum(pilots.map((p) => p.awardedCents)),
      reporting: pilots.filter((p) => p.validatedReports.length > 0).length,
    },
  }
}
