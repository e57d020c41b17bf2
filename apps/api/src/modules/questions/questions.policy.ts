import type { MembershipRole } from '@opgave/contracts'

/**
 * Who may handle a challenge's questions: the municipality's admins and challenge managers (and
 * platform admins). Pure and default-deny. Account managers are staff but do not answer in the
 * nota; they see their own enterprises' questions through account management.
 */
export type QuestionAccess = 'manage' | 'forbidden' | 'unknown'

const MANAGERS: readonly MembershipRole[] = ['admin', 'challenge_manager']
const STAFF: readonly MembershipRole[] = ['admin', 'challenge_manager', 'account_manager']

export function questionAccess(actor: { isPlatformAdmin: boolean } | null, municipalityRole: MembershipRole | null): QuestionAccess {
  if (!actor) return 'unknown'
  if (actor.isPlatformAdmin) return 'manage'
  if (municipalityRole && MANAGERS.includes(municipalityRole)) return 'manage'
  // Staff of the municipality know the inbox exists; anyone else must not learn about private questions (404).
  if (municipalityRole && STAFF.includes(municipalityRole)) return 'forbidden'
  return 'unknown'
}
