import { and, eq } from 'drizzle-orm'
import type { Proposal } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { assertTransition, lockProposalForWrite, myEnterpriseIds } from './proposals.access'
import { proposalErrors } from './proposals.errors'
import type { ProposalDeps } from './proposals.service'
import { proposalPartners, proposals } from './proposals.table'
import { toProposal } from './proposals.view'

/**
 * Consortium changes are content changes: like edits they need an editable proposal (draft or
 * withdrawn) and an open window, so a submitted snapshot always names the partners it was sent with.
 */
// Partner changes do not bump the proposal's version: they are serialised by the row lock and do not
// touch the text fields, so an editor's autosave running at the same time must not turn into a conflict.
async function touch(tx: DbOrTx, proposalId: string, at: Date) {
  const [row] = await tx.update(proposals).set({ updatedAt: at }).where(eq(proposals.id, proposalId)).returning()
  return row!
}

export async function invitePartner({ db, now, publicUrl }: ProposalDeps & { publicUrl: string }, actor: Actor, proposalId: string, enterpriseId: string): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, proposalId, at)
    if (access !== 'lead') throw proposalErrors.forbidden('Only the lead enterprise invites partners.')
    assertTransition(proposal, challenge, 'edit', at)
    const [enterprise] = await tx.select().from(organisations).where(and(eq(organisations.id, enterpriseId), eq(organisations.kind, 'enterprise')))
    if (!enterprise) throw proposalErrors.enterpriseNotFound('No enterprise with this id.')
    if (enterprise.id === proposal.leadEnterpriseId) throw commonProblems.fieldInvalid('/enterpriseId', 'proposals.partner_is_lead', 'The lead enterprise cannot be its own partner.')
    const [existing] = await tx.select().from(proposalPartners).where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.enterpriseId, enterpriseId))).for('update')
    if (existing && existing.status !== 'declined') throw proposalErrors.partnerExists(`${enterprise.name} is already ${existing.status === 'accepted' ? 'a partner' : 'invited'}.`)
    if (existing) {
      await tx.update(proposalPartners).set({ status: 'invited', invitedBy: actor.userId, invitedAt: at, respondedAt: null }).where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.enterpriseId, enterpriseId)))
    } else {
      await tx.insert(proposalPartners).values({ proposalId, enterpriseId, invitedBy: actor.userId, invitedAt: at })
    }
    const row = await touch(tx, proposalId, at)
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.partner_invited', entityType: 'proposal', entityId: proposalId, organisationId: proposal.leadEnterpriseId, before: existing ?? null, after: { enterpriseId, status: 'invited' } })
    const owners = await tx
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, enterpriseId), eq(memberships.role, 'owner')))
    const [lead] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, proposal.leadEnterpriseId))
    for (const owner of owners) {
      await enqueueEmail(tx, {
        to: owner.email,
        subject: `Uitnodiging consortium / Consortium invitation: ${proposal.title}`,
        text: [
          `Beste ${owner.name},`,
          '',
          `${lead!.name} nodigt ${enterprise.name} uit als partner in het voorstel "${proposal.title}" voor "${challenge.title}".`,
          `${lead!.name} invites ${enterprise.name} to partner in the proposal "${proposal.title}" for "${challenge.title}".`,
          '',
          `${publicUrl}/voorstellen/${proposalId}`,
        ].join('\n'),
      })
    }
    return toProposal(tx, row, challenge, access, at)
  })
}

/**
 * The invited enterprise's members answer for it; declining later is how an accepted partner leaves.
 * Accepting returns the proposal as a partner sees it; declining returns null (the caller may no longer see it).
 */
export async function respondToInvitation({ db, now }: ProposalDeps, actor: Actor, proposalId: string, enterpriseId: string, answer: 'accept' | 'decline'): Promise<Proposal | null> {
  return db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge } = await lockProposalForWrite(tx, actor, proposalId, at)
    const mine = await myEnterpriseIds(tx, actor)
    if (!mine.includes(enterpriseId)) throw proposalErrors.forbidden('Only members of the invited enterprise answer its invitation.')
    const [partner] = await tx.select().from(proposalPartners).where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.enterpriseId, enterpriseId))).for('update')
    if (!partner) throw proposalErrors.partnerNotFound()
    assertTransition(proposal, challenge, 'edit', at)
    const allowedFrom = answer === 'accept' ? ['invited'] : ['invited', 'accepted']
    if (!allowedFrom.includes(partner.status)) throw proposalErrors.partnerState(`The invitation is ${partner.status}.`)
    const status = answer === 'accept' ? 'accepted' : 'declined'
    await tx.update(proposalPartners).set({ status, respondedAt: at }).where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.enterpriseId, enterpriseId)))
    const row = await touch(tx, proposalId, at)
    await recordAudit(tx, { actorId: actor.userId, action: `proposal.partner_${status}`, entityType: 'proposal', entityId: proposalId, organisationId: enterpriseId, before: { status: partner.status }, after: { status } })
    if (status === 'declined') return null
    return toProposal(tx, row, challenge, 'partner', at)
  })
}

export async function removePartner({ db, now }: ProposalDeps, actor: Actor, proposalId: string, enterpriseId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, proposalId, at)
    if (access !== 'lead') throw proposalErrors.forbidden('Only the lead enterprise removes partners.')
    assertTransition(proposal, challenge, 'edit', at)
    const [removed] = await tx.delete(proposalPartners).where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.enterpriseId, enterpriseId))).returning()
    if (!removed) throw proposalErrors.partnerNotFound()
    await touch(tx, proposalId, at)
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.partner_removed', entityType: 'proposal', entityId: proposalId, organisationId: proposal.leadEnterpriseId, before: removed })
  })
}
