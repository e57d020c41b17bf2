import type { RoleMappingEntry } from './sso.table'

export type MunicipalRole = RoleMappingEntry['role']

/** Strongest first: a user in several mapped groups gets the strongest role (a membership holds one role). */
const ROLE_STRENGTH: readonly MunicipalRole[] = ['admin', 'challenge_manager', 'account_manager']

/**
 * The values of a claim, which may be nested (`realm_access.roles`, as Keycloak sends) and may be a
 * string, a space-separated string or an array. Anything else yields no values.
 */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let current: unknown = claims
  // A claim name may itself contain dots (URIs as claim names, e.g. Entra's): try the whole name first.
  if (Object.hasOwn(claims, path)) current = claims[path]
  else
    for (const part of path.split('.')) {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return []
      current = (current as Record<string, unknown>)[part]
    }
  if (typeof current === 'string') return current.split(/\s+/).filter(Boolean)
  if (Array.isArray(current)) return current.filter((v): v is string => typeof v === 'string')
  return []
}

/** The role the identity provider grants, or null when none of the user's values is mapped. */
export function mappedRole(values: readonly string[], mapping: readonly RoleMappingEntry[]): MunicipalRole | null {
  const granted = new Set(mapping.filter((m) => values.includes(m.claimValue)).map((m) => m.role))
  return ROLE_STRENGTH.find((role) => granted.has(role)) ?? null
}

/** Roles the mapping can grant: only these are managed by SSO; others a municipality admin gave by hand stay. */
export const managedRoles = (mapping: readonly RoleMappingEntry[]) => new Set(mapping.map((m) => m.role))

/** The email's domain must be listed exactly or be a subdomain of a listed one; an empty list allows none. */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf('@')
  if (at < 1) return false
  const domain = email.slice(at + 1).toLowerCase()
  return allowedDomains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`))
}

/**
 * What the login does to the user's membership of the municipality: the IdP is the authority for the
 * roles it maps. A role outside the mapping (given by hand) is left as it is.
 */
export function membershipChange(current: string | null, granted: MunicipalRole | null, mapping: readonly RoleMappingEntry[]):
  | { kind: 'none' }
  | { kind: 'create'; role: MunicipalRole }
  | { kind: 'change'; role: MunicipalRole }
  | { kind: 'remove' } {
  const managed = managedRoles(mapping)
  if (current === null) return granted ? { kind: 'create', role: granted } : { kind: 'none' }
  if (!managed.has(current as MunicipalRole)) return { kind: 'none' }
  if (granted === null) return { kind: 'remove' }
  return granted === current ? { kind: 'none' } : { kind: 'change', role: granted }
}
