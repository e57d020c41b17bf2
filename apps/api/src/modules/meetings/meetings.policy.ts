import type { MembershipRole } from '@opgave/contracts'
import type { Access } from '../../policy/access'

export type MeetingStatus = 'draft' | 'published' | 'cancelled'

/**
 * Who may do what with a municipality's meetings. Pure and default-deny.
 * - manage (create, edit, publish, cancel, see registrations): its admins and challenge managers, and platform admins;
 * - read drafts: those, and its account managers (they advise enterprises);
 * - everyone else knows only published and cancelled meetings; a draft does not exist for them (404).
 */
export function canManageMeetings(role: MembershipRole | null, isPlatformAdmin: boolean): boolean {
  return isPlatformAdmin || role === 'admin' || role === 'challenge_manager'
}

export function canReadDraftMeetings(role: MembershipRole | null, isPlatformAdmin: boolean): boolean {
  return canManageMeetings(role, isPlatformAdmin) || role === 'account_manager'
}

/** Whether the meeting is visible to the public: once published (also after a cancellation). */
export const isMeetingPublic = (status: MeetingStatus) => status !== 'draft'

/** Reading one meeting: public ones to all; drafts only to the municipality's staff. */
export const readAccess = (status: MeetingStatus, role: MembershipRole | null, isPlatformAdmin: boolean): Access =>
  isMeetingPublic(status) || canReadDraftMeetings(role, isPlatformAdmin) ? 'allowed' : 'unknown'

/** Managing one meeting: outsiders learn nothing of drafts (404) and are refused on public ones (403). */
export const manageAccess = (status: MeetingStatus, role: MembershipRole | null, isPlatformAdmin: boolean): Access =>
  canManageMeetings(role, isPlatformAdmin) ? 'allowed' : readAccess(status, role, isPlatformAdmin) === 'allowed' ? 'forbidden' : 'unknown'

/** Municipality-level staff routes (list, create): non-members 404, members without the right 403. */
export const municipalityAccess = (role: MembershipRole | null, isPlatformAdmin: boolean, action: 'read' | 'manage'): Access => {
  if (action === 'manage' ? canManageMeetings(role, isPlatformAdmin) : canReadDraftMeetings(role, isPlatformAdmin)) return 'allowed'
  return role === null ? 'unknown' : 'forbidden'
}

export type RegistrationRefusal = 'not_published' | 'cancelled' | 'closed' | 'full' | null

/**
 * Whether one more person may register, decided on the server clock: published, before the
 * registration deadline (default: the start), and below the capacity (null: no limit).
 */
export function registrationRefusal(
  meeting: { status: MeetingStatus; startsAt: Date; registrationClosesAt: Date | null; capacity: number | null },
  registered: number,
  now: Date,
): RegistrationRefusal {
  if (meeting.status === 'cancelled') return 'cancelled'
  if (meeting.status !== 'published') return 'not_published'
  if (now.getTime() >= registrationDeadline(meeting).getTime()) return 'closed'
  if (meeting.capacity !== null && registered >= meeting.capacity) return 'full'
  return null
}

export const registrationDeadline = (meeting: { startsAt: Date; registrationClosesAt: Date | null }) => meeting.registrationClosesAt ?? meeting.startsAt

/** Places left, or null for a meeting without a limit. */
export const placesLeft = (capacity: number | null, registered: number) => (capacity === null ? null : Math.max(0, capacity - registered))
