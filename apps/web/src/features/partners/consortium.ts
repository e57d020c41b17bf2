import { isProblem } from '../../api/problem'
import { messageFromProblem, type UiMessage } from '../../composables/messages'

/**
 * "Invite to consortium" from the partner suggestions of a challenge: which of my proposals can take a
 * partner, what an enterprise already is in one, and what an invitation's answer means for the user.
 */

/** The fields of a `/me/proposals` item this needs. */
export interface MyProposalRef {
  id: string
  title: string
  status: string
  myAccess: string
  challenge: { id: string; status: string }
}

/** The fields of a full proposal this needs. */
export interface ConsortiumRef {
  leadEnterprise: { id: string }
  partners: { enterpriseId: string; status: 'invited' | 'accepted' | 'declined' }[]
}

/** My enterprises' proposals for this challenge that I lead and that can still change (draft or withdrawn, window open). */
export function invitingProposals<T extends MyProposalRef>(mine: readonly T[], challengeId: string): T[] {
  return mine.filter((p) => p.challenge.id === challengeId && p.myAccess === 'lead' && p.status !== 'submitted' && p.challenge.status === 'published')
}

/** My led proposals for this challenge that are submitted (frozen until withdrawn). */
export function submittedLeadProposals<T extends MyProposalRef>(mine: readonly T[], challengeId: string): T[] {
  return mine.filter((p) => p.challenge.id === challengeId && p.myAccess === 'lead' && p.status === 'submitted')
}

export type ConsortiumState = 'lead' | 'invited' | 'accepted' | 'invitable'

/** What an enterprise is in a proposal's consortium; a declined invitation may be sent again. */
export function consortiumState(proposal: ConsortiumRef, enterpriseId: string): ConsortiumState {
  if (proposal.leadEnterprise.id === enterpriseId) return 'lead'
  const partner = proposal.partners.find((p) => p.enterpriseId === enterpriseId)
  return partner && partner.status !== 'declined' ? partner.status : 'invitable'
}

export type InviteOutcome = 'invited' | 'already' | 'closed' | 'failed'

const CLOSED_CODES = new Set(['proposals.deadline_passed', 'proposals.challenge_not_open', 'proposals.invalid_transition'])

/** Classifies the answer of `POST /proposals/{id}/partners` (status code and problem body). */
export function inviteOutcome(status: number, body: unknown): InviteOutcome {
  if (status === 201) return 'invited'
  const code = isProblem(body) ? body.code : undefined
  if (status === 409 && code === 'proposals.partner_exists') return 'already'
  if (status === 409 && code !== undefined && CLOSED_CODES.has(code)) return 'closed'
  return 'failed'
}

/** The status message for an outcome; a failure shows the server's problem. */
export function inviteMessage(outcome: InviteOutcome, names: { enterprise: string; proposal: string }, body?: unknown): UiMessage {
  if (outcome === 'failed') return messageFromProblem(body)
  return { key: `partners.consortium.result.${outcome}`, params: { name: names.enterprise, proposal: names.proposal } }
}
