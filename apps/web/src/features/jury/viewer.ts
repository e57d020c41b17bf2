/** What the signed-in user is on this challenge's jury, for showing the right actions (the server still decides). */
export interface JuryViewerInput {
  isPlatformAdmin: boolean
  memberships: readonly { organisationId: string; role: string }[]
  seats: readonly { challengeId: string; isChair: boolean }[]
}

export function juryViewer(input: JuryViewerInput, challengeId: string, municipalityId: string | null): { staff: boolean; chair: boolean } {
  const staff = input.isPlatformAdmin || (municipalityId !== null && input.memberships.some((m) => m.organisationId === municipalityId && (m.role === 'admin' || m.role === 'challenge_manager')))
  const chair = input.seats.some((s) => s.challengeId === challengeId && s.isChair)
  return { staff, chair }
}
