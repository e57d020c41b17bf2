import type { MembershipRole, OrganisationKind } from '@opgave/contracts'

/**
 * Who may do what to an organisation. Pure and default-deny: an action not listed for a role is refused.
 * Callers who are not members learn nothing (the service answers 404); members without the right get 403.
 */
export type OrganisationAction = 'organisation.read' | 'organisation.update' | 'members.read' | 'members.manage' | 'invitations.manage'

const GRANTS: Record<MembershipRole, readonly OrganisationAction[]> = {
  owner: ['organisation.read', 'organisation.update', 'members.read', 'members.manage', 'invitations.manage'],
  admin: ['organisation.read', 'organisation.update', 'members.read', 'members.manage', 'invitations.manage'],
  member: ['organisation.read', 'members.read'],
  challenge_manager: ['organisation.read', 'members.read'],
  account_manager: ['organisation.read', 'members.read'],
}

export interface PolicyActor {
  isPlatformAdmin: boolean
}

export function canOnOrganisation(actor: PolicyActor, role: MembershipRole | null, action: OrganisationAction): boolean {
  if (actor.isPlatformAdmin) return true
  if (!role) return false
  return GRANTS[role]?.includes(action) ?? false
}

/** Whether the caller may know the organisation exists at all (else: 404). */
export const mayKnowOrganisation = (actor: PolicyActor, role: MembershipRole | null) => actor.isPlatformAdmin || role !== null

const ROLES_BY_KIND: Record<OrganisationKind, readonly MembershipRole[]> = {
  municipality: ['admin', 'challenge_manager', 'account_manager'],
  enterprise: ['owner', 'member'],
}

export const rolesForKind = (kind: OrganisationKind) => ROLES_BY_KIND[kind]
export const isRoleOfKind = (kind: OrganisationKind, role: MembershipRole) => ROLES_BY_KIND[kind].includes(role)
/** The role that can manage the organisation; at least one member must keep it. */
export const managingRole = (kind: OrganisationKind): MembershipRole => (kind === 'municipality' ? 'admin' : 'owner')

/** Only platform admins create municipalities (tenants); anyone signed in may register an enterprise. */
export const mayCreateOrganisation = (actor: PolicyActor, kind: OrganisationKind) => kind === 'enterprise' || actor.isPlatformAdmin
