import type { MembershipRole } from '@opgave/contracts'

/**
 * Who may do what on a challenge's jury. Pure and default-deny.
 * - staff: the municipality's admins and challenge managers (and platform admins) — they set up the
 *   jury and rounds and may read progress and results;
 * - chair: the jury member marked chair — runs the rounds (assignment, deliberation, results, decision);
 * - juror: any active jury member (the chair too) — declares conflicts and scores what is assigned.
 */
export type JuryAction =
  | 'jury.manage_members'
  | 'jury.read_members'
  | 'round.manage'
  | 'round.read'
  | 'round.run'
  | 'round.read_progress'
  | 'results.read'
  | 'juror.score'

export interface JuryViewer {
  isPlatformAdmin: boolean
  municipalityRole: MembershipRole | null
  /** Active (accepted, not removed) jury member of this challenge. */
  member: { isChair: boolean } | null
}

const STAFF_ROLES: readonly MembershipRole[] = ['admin', 'challenge_manager']

export const isJuryStaff = (v: JuryViewer) => v.isPlatformAdmin || (v.municipalityRole !== null && STAFF_ROLES.includes(v.municipalityRole))
export const isChair = (v: JuryViewer) => v.member?.isChair === true

export function canOnJury(v: JuryViewer, action: JuryAction): boolean {
  const staff = isJuryStaff(v)
  const chair = isChair(v)
  const juror = v.member !== null
  switch (action) {
    case 'jury.manage_members':
      return staff
    case 'jury.read_members':
    case 'round.manage':
    case 'round.read_progress':
    case 'results.read':
      return staff || chair
    case 'round.run':
      return chair
    case 'round.read':
      return staff || juror
    case 'juror.score':
      return juror
    default:
      return false
  }
}

/** Anyone with any role on the jury may learn that it exists; everyone else gets 404. */
export const mayKnowJury = (v: JuryViewer) => isJuryStaff(v) || v.member !== null
