import type { MembershipRole } from '@opgave/contracts'

/**
 * Who may do what to a municipality's challenges. Pure and default-deny.
 * Staff who manage challenges: the municipality's admins and challenge managers (and platform admins).
 * Account managers may read drafts (they advise enterprises) but not change anything.
 */
export type ChallengeAction = 'challenge.read_draft' | 'challenge.edit' | 'challenge.transition'

const GRANTS: Partial<Record<MembershipRole, readonly ChallengeAction[]>> = {
  admin: ['challenge.read_draft', 'challenge.edit', 'challenge.transition'],
  challenge_manager: ['challenge.read_draft', 'challenge.edit', 'challenge.transition'],
  account_manager: ['challenge.read_draft'],
}

export interface ChallengePolicyActor {
  isPlatformAdmin: boolean
}

export function canOnChallenges(actor: ChallengePolicyActor | null, role: MembershipRole | null, action: ChallengeAction): boolean {
  if (!actor) return false
  if (actor.isPlatformAdmin) return true
  if (!role) return false
  return GRANTS[role]?.includes(action) ?? false
}

/** Staff of the municipality see its drafts and workspace; everyone else learns nothing about them (404). */
export const isMunicipalityStaff = (actor: ChallengePolicyActor | null, role: MembershipRole | null) => canOnChallenges(actor, role, 'challenge.read_draft')
