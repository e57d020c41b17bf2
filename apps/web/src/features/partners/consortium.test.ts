import { describe, expect, it } from 'vitest'
import { consortiumState, inviteMessage, inviteOutcome, invitingProposals, submittedLeadProposals, type MyProposalRef } from './consortium'

const CHALLENGE = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'
const proposal = (id: string, over: Partial<MyProposalRef> = {}): MyProposalRef => ({ id, title: `Voorstel ${id}`, status: 'draft', myAccess: 'lead', challenge: { id: CHALLENGE, status: 'published' }, ...over })

describe('which of my proposals can invite a partner', () => {
  it('keeps the drafts and withdrawn proposals I lead for this challenge while it is open', () => {
    const mine = [
      proposal('a'),
      proposal('b', { status: 'withdrawn' }),
      proposal('c', { status: 'submitted' }),
      proposal('d', { myAccess: 'partner' }),
      proposal('e', { myAccess: 'invited' }),
      proposal('f', { challenge: { id: OTHER, status: 'published' } }),
      proposal('g', { challenge: { id: CHALLENGE, status: 'closed' } }),
    ]
    expect(invitingProposals(mine, CHALLENGE).map((p) => p.id)).toEqual(['a', 'b'])
    expect(submittedLeadProposals(mine, CHALLENGE).map((p) => p.id)).toEqual(['c'])
    expect(invitingProposals([], CHALLENGE)).toEqual([])
  })
})

describe('what an enterprise is in a consortium', () => {
  const consortium = {
    leadEnterprise: { id: 'lead' },
    partners: [
      { enterpriseId: 'asked', status: 'invited' as const },
      { enterpriseId: 'in', status: 'accepted' as const },
      { enterpriseId: 'no', status: 'declined' as const },
    ],
  }
  it('names the lead, invited and accepted partners; declined or unknown enterprises can be invited', () => {
    expect(consortiumState(consortium, 'lead')).toBe('lead')
    expect(consortiumState(consortium, 'asked')).toBe('invited')
    expect(consortiumState(consortium, 'in')).toBe('accepted')
    expect(consortiumState(consortium, 'no')).toBe('invitable')
    expect(consortiumState(consortium, 'someone')).toBe('invitable')
  })
})

describe('the answer to an invitation', () => {
  const problem = (status: number, code: string) => ({ title: 'x', status, code, detail: `detail ${code}` })
  it('tells invited, already invited, window closed and other failures apart', () => {
    expect(inviteOutcome(201, { id: 'p' })).toBe('invited')
    expect(inviteOutcome(409, problem(409, 'proposals.partner_exists'))).toBe('already')
    expect(inviteOutcome(409, problem(409, 'proposals.deadline_passed'))).toBe('closed')
    expect(inviteOutcome(409, problem(409, 'proposals.challenge_not_open'))).toBe('closed')
    expect(inviteOutcome(409, problem(409, 'proposals.invalid_transition'))).toBe('closed')
    expect(inviteOutcome(403, problem(403, 'proposals.forbidden'))).toBe('failed')
    expect(inviteOutcome(409, problem(409, 'resource.version_conflict'))).toBe('failed')
    expect(inviteOutcome(500, undefined)).toBe('failed')
  })
  it('words the outcome with the enterprise and proposal, or shows the server’s problem', () => {
    const names = { enterprise: 'Zon op Dak', proposal: 'Energiefixers' }
    expect(inviteMessage('invited', names)).toEqual({ key: 'partners.consortium.result.invited', params: { name: 'Zon op Dak', proposal: 'Energiefixers' } })
    expect(inviteMessage('already', names)).toEqual({ key: 'partners.consortium.result.already', params: { name: 'Zon op Dak', proposal: 'Energiefixers' } })
    expect(inviteMessage('closed', names)).toMatchObject({ key: 'partners.consortium.result.closed' })
    expect(inviteMessage('failed', names, problem(403, 'proposals.forbidden'))).toEqual({ key: 'apiErrors.proposals.forbidden', fallback: 'detail proposals.forbidden' })
  })
})
