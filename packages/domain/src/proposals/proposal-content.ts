/** One measurable indicator of planned impact; numbers may be missing while the proposal is a draft. */
export interface ImpactIndicator {
  readonly name: string
  readonly baseline: number | null
  readonly target: number | null
  readonly unit: string
}

export interface PlannedImpact {
  readonly sdgTarget: string
  readonly indicators: readonly ImpactIndicator[]
}

/** Social-return commitment: work for people with a distance to the labour market. */
export interface SocialReturn {
  readonly hours: number | null
  readonly jobs: number | null
  readonly targetGroup: string
}

export interface ProposalContent {
  readonly title: string
  readonly summary: string
  readonly approach: string
  readonly team: string
  readonly requestedBudgetCents: number | null
  readonly plannedImpact: readonly PlannedImpact[]
  readonly socialReturn: SocialReturn | null
}

export interface ProposalFieldProblem {
  /** JSON pointer into the proposal, e.g. `/plannedImpact/0/indicators/1/unit`. */
  readonly field: string
  readonly code: string
  readonly message: string
}
