/** The Art. 2.82 Aanbestedingswet 2012 threshold: at least 30 % of staff with a distance to the labour market. */
export const ART_2_82_MIN_PERCENT = 30

export type EnterpriseKind = 'social_enterprise' | 'sme'

export interface EligibilityRules {
  readonly reservedArt282: boolean
  /** Empty: every kind may apply. */
  readonly eligibleEnterpriseKinds: readonly string[]
  /** Empty: every region. */
  readonly eligibleRegions: readonly string[]
}

export interface EnterpriseProfile {
  readonly isSocialEnterprise: boolean
  readonly distanceToLabourMarketPercent: number | null
  readonly region: string | null
}

export type EligibilityCode = 'proposals.not_eligible_art_2_82' | 'proposals.not_eligible_enterprise_kind' | 'proposals.not_eligible_region'

export interface EligibilityProblem {
  readonly code: EligibilityCode
  /** JSON pointer into the lead enterprise's profile that decides it. */
  readonly field: string
  readonly message: string
}

export const enterpriseKindOf = (profile: Pick<EnterpriseProfile, 'isSocialEnterprise'>): EnterpriseKind => (profile.isSocialEnterprise ? 'social_enterprise' : 'sme')

const sameRegion = (a: string, b: string) => a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl')

/**
 * Whether the lead enterprise may submit to a challenge. Eligibility is judged on the lead only:
 * the lead contracts with the municipality; partners are its subcontractors.
 */
export function checkEligibility(rules: EligibilityRules, lead: EnterpriseProfile): EligibilityProblem[] {
  const problems: EligibilityProblem[] = []
  if (rules.reservedArt282) {
    const pct = lead.distanceToLabourMarketPercent
    if (pct === null || pct < ART_2_82_MIN_PERCENT) {
      problems.push({
        code: 'proposals.not_eligible_art_2_82',
        field: '/distanceToLabourMarketPercent',
        message:
          `This challenge is reserved under Article 2.82 of the Aanbestedingswet 2012: only enterprises of which at least ${ART_2_82_MIN_PERCENT}% of the staff are people with a distance to the labour market may submit. ` +
          (pct === null ? 'Your enterprise has not declared this percentage in its profile.' : `Your enterprise declares ${pct}%.`),
      })
    }
  }
  const kind = enterpriseKindOf(lead)
  if (rules.eligibleEnterpriseKinds.length > 0 && !rules.eligibleEnterpriseKinds.includes(kind)) {
    problems.push({
      code: 'proposals.not_eligible_enterprise_kind',
      field: '/isSocialEnterprise',
      message: `This challenge is open to ${rules.eligibleEnterpriseKinds.join(', ')} only; your enterprise is registered as ${kind}.`,
    })
  }
  if (rules.eligibleRegions.length > 0 && !(lead.region && rules.eligibleRegions.some((r) => sameRegion(r, lead.region!)))) {
    problems.push({
      code: 'proposals.not_eligible_region',
      field: '/region',
      message: `This challenge is open to enterprises from ${rules.eligibleRegions.join(', ')}; ` + (lead.region ? `your enterprise is in ${lead.region}.` : 'your enterprise has not declared a region.'),
    })
  }
  return problems
}
