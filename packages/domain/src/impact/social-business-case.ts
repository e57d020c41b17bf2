/**
 * The social business case (recommendation 7 of the Social Enterprise NL / PwC research): every
 * person placed in a job through a pilot no longer needs a Participatiewet benefit, so the council
 * sees an estimate of the yearly savings beside the money the pilots cost. It is an estimate: it
 * assumes each job realised moves one person fully off a benefit for a year.
 */
export interface SocialBusinessCase {
  readonly jobsRealised: number
  readonly annualBenefitCents: number
  /** jobsRealised × annualBenefitCents. */
  readonly estimatedAnnualSavingsCents: number
  /** What the awarded pilots cost. */
  readonly spentCents: number
  /** Savings per euro spent, rounded to 2 decimals; null when nothing was spent. */
  readonly savingsPerEuroSpent: number | null
}

export function socialBusinessCase(input: { jobsRealised: number; annualBenefitCents: number; spentCents: number }): SocialBusinessCase {
  const estimatedAnnualSavingsCents = input.jobsRealised * input.annualBenefitCents
  return {
    jobsRealised: input.jobsRealised,
    annualBenefitCents: input.annualBenefitCents,
    estimatedAnnualSavingsCents,
    spentCents: input.spentCents,
    savingsPerEuroSpent: input.spentCents > 0 ? Math.round((estimatedAnnualSavingsCents / input.spentCents) * 100) / 100 : null,
  }
}
