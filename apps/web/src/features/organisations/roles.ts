import type { OrganisationKind, Role } from '../../api/types'

export const ROLES_BY_KIND = {
  municipality: ['admin', 'challenge_manager', 'account_manager'],
  enterprise: ['owner', 'member'],
} as const satisfies Record<OrganisationKind, readonly Role[]>

export function rolesFor(kind: OrganisationKind): readonly Role[] {
  return ROLES_BY_KIND[kind]
}

/** The role that can manage members: the enterprise's owner, the municipality's admin. */
export function managerRoleFor(kind: OrganisationKind): Role {
  return kind === 'enterprise' ? 'owner' : 'admin'
}

/** The server enforces this too; the UI only hides controls that would be refused. */
export function canManageMembers(kind: OrganisationKind, myRole: string | null): boolean {
  return myRole === managerRoleFor(kind)
}

/** Invitations default to the least powerful role. */
export function defaultInvitationRole(kind: OrganisationKind): Role {
  return kind === 'enterprise' ? 'member' : 'account_manager'
}

export function isRoleFor(kind: OrganisationKind, value: string): value is Role {
  return (rolesFor(kind) as readonly string[]).includes(value)
}
