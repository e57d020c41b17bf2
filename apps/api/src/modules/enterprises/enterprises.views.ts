import type { EnterpriseDirectoryEntry, EnterpriseProfile, LegalForm } from '@opgave/contracts'
import { isEligibleForArt282, isLegalForm } from '@opgave/domain'
import type { OrganisationRow } from '../organisations/organisations.table'

export function toEnterpriseProfile(row: OrganisationRow): EnterpriseProfile {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    kvkNumber: row.kvkNumber,
    legalForm: isLegalForm(row.legalForm) ? (row.legalForm as LegalForm) : null,
    isSocialEnterprise: row.isSocialEnterprise,
    distanceToLabourMarketPercent: row.distanceToLabourMarketPercent,
    eligibleForArt282: isEligibleForArt282(row.distanceToLabourMarketPercent),
    sdgGoals: row.sdgGoals,
    region: row.region,
    lookingForPartners: row.lookingForPartners,
    website: row.website,
    description: row.description,
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Directory fields only: what any signed-in user may see of any enterprise (no KvK, no members, no percentages). */
export function toDirectoryEntry(row: OrganisationRow): EnterpriseDirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    isSocialEnterprise: row.isSocialEnterprise,
    sdgGoals: row.sdgGoals,
    region: row.region,
    lookingForPartners: row.lookingForPartners,
    website: row.website,
    description: row.description,
  }
}
