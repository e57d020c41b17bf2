import type { MembershipRole } from '@opgave/contracts'
import type { Access } from '../../policy/access'

/** Any member of the winning (lead) enterprise reports; outsiders may not know the pilot exists. */
export const reportAccess = (enterpriseRole: MembershipRole | null): Access => (enterpriseRole === null ? 'unknown' : 'allowed')

/** Only the enterprise's owner decides on appearing in the public showcase. */
export const consentAccess = (enterpriseRole: MembershipRole | null): Access => (enterpriseRole === null ? 'unknown' : enterpriseRole === 'owner' ? 'allowed' : 'forbidden')

/** The municipality's account managers (and its admins, and platform admins) validate; its other staff may not; others get 404. */
export const reviewAccess = (municipalityRole: MembershipRole | null, isPlatformAdmin = false): Access =>
  isPlatformAdmin || municipalityRole === 'account_manager' || municipalityRole === 'admin' ? 'allowed' : municipalityRole === null ? 'unknown' : 'forbidden'
