import type { MembershipRole } from '@opgave/contracts'
import type { Access } from '../../policy/access'

export type GuidanceAction = 'guidance.read_drafts' | 'guidance.edit'

/**
 * Who may do what with a municipality's guidance pages. Pure and default-deny. Published pages are public.
 * The municipality's admins and challenge managers (and platform admins) write, preview and publish;
 * its account managers read the drafts (they point entrepreneurs to them) but change nothing (403);
 * everyone else may not know drafts exist (404).
 */
const GRANTS: Partial<Record<MembershipRole, readonly GuidanceAction[]>> = {
  admin: ['guidance.read_drafts', 'guidance.edit'],
  challenge_manager: ['guidance.read_drafts', 'guidance.edit'],
  account_manager: ['guidance.read_drafts'],
}

export function guidanceAccess(municipalityRole: MembershipRole | null, isPlatformAdmin: boolean, action: GuidanceAction): Access {
  if (isPlatformAdmin) return 'allowed'
  const granted = municipalityRole ? GRANTS[municipalityRole] : undefined
  if (!granted || granted.length === 0) return 'unknown'
  return granted.includes(action) ? 'allowed' : 'forbidden'
}

