import { createHash } from 'node:crypto'
import { and, desc, eq, inArray, or } from 'drizzle-orm'
import type { CreateProposalBody, Proposal, ProposalSummary, SubmissionReceipt, SubmissionSnapshot, UpdateProposalBody } from '@opgave/contracts'
import { canonicalJson, checkEligibility, checkProposalCompleteness } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { challengeStatusAt, isChallengePublic, isStaffOfChallenge } from '../challenges/challenges.service'
import { challenges, type ChallengeRow } from '../challenges/challenges.table'
import { memberships, organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { assertTransition, assertWindowOpen, lockProposalForWrite, myEnterpriseIds, resolveProposalAccess } from './proposals.access'
import { notEligible, proposalErrors } from './proposals.errors'
import { checkUpdateInput } from './proposals.input'
import { partnersOf, proposalDocuments, toProposal, toReceipt } from './proposals.view'
import { proposalPartners, proposals, proposalSubmissions, type ProposalRow } from './proposals.table'

export interface ProposalDeps {
  db: Database
  now: () => Date
}

/** The content fields an audit entry records before/after (not timestamps). */
const auditContent = (row: ProposalRow) => ({
  status: row.status,
  version: row.version,
  title: row.title,
  summary: row.summary,
  approach: row.approach,
  team: row.team,
  requestedBudgetCents: row.requestedBudgetCents,
  plannedImpact: row.plannedImpact,
  socialReturn: row.socialReturn,
})

/** The version check every write makes: a stale version changes nothing and returns the current state. */
async function assertVersion(tx: DbOrTx, row: ProposalRow, challenge: ChallengeRow, access: Parameters<typeof toProposal>[3], version: number, now: Date) {
  if (row.version !== version) throw commonProblems.staleVersion(await toProposal(tx, row, challenge, access, now))
}

export async function createDraft({ db, now }: ProposalDeps, actor: Actor, challengeId: string, body: CreateProposalBody): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const at = now()
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('share')
    if (!challenge || (!isChallengePublic(challenge) && !(await isStaffOfChallenge(tx, actor, challenge)))) throw proposalErrors.challengeNotFound()
    const [enterprise] = await tx
      .select({ id: organisations.id, kind: organisations.kind })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.userId, actor.userId), eq(memberships.organisationId, body.enterpriseId)))
      .limit(1)
    if (!enterprise) throw proposalErrors.enterpriseNotFound('You are not a member of this enterprise.')
    if (enterprise.kind !== 'enterprise') throw commonProblems.fieldInvalid('/enterpriseId', 'proposals.not_an_enterprise', 'Proposals are made by enterprises, not municipalities.')
    assertWindowOpen(challenge, at)
    const [row] = await tx
      .insert(proposals)
      .values({ challengeId, leadEnterpriseId: enterprise.id, title: body.title.trim(), createdBy: actor.userId, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning()
    if (!row) {
      const [existing] = await tx.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.challengeId, challengeId), eq(proposals.leadEnterpriseId, enterprise.id)))
      throw proposalErrors.alreadyExists({ id: existing!.id })
    }
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.created', entityType: 'proposal', entityId: row.id, organisationId: enterprise.id, after: auditContent(row) })
    return toProposal(tx, row, challenge, 'lead', at)
  })
}

export async function getProposal({ db, now }: ProposalDeps, actor: Actor, proposalId: string): Promise<Proposal> {
  const at = now()
  const [row] = await db.select().from(proposals).where(eq(proposals.id, proposalId)).limit(1)
  const [challenge] = row ? await db.select().from(challenges).where(eq(challenges.id, row.challengeId)) : []
  if (!row || !challenge) throw proposalErrors.notFound()
  const resolved = await resolveProposalAccess(db, actor, row, challenge, at)
  if (!resolved) throw proposalErrors.notFound()
  return toProposal(db, row, challenge, resolved.access, at)
}

export async function updateProposal({ db, now }: ProposalDeps, actor: Actor, proposalId: string, body: UpdateProposalBody): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, proposalId, at)
    if (access !== 'lead' && access !== 'partner') throw proposalErrors.forbidden('Only members of the lead and of accepted partners edit a proposal.')
    assertTransition(proposal, challenge, 'edit', at)
    await assertVersion(tx, proposal, challenge, access, body.version, at)
    const money = checkUpdateInput(body, challenge)
    const [row] = await tx
      .update(proposals)
      .set({
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.summary !== undefined ? { summary: body.summary } : {}),
        ...(body.approach !== undefined ? { approach: body.approach } : {}),
        ...(body.team !== undefined ? { team: body.team } : {}),
        ...money,
        ...(body.plannedImpact !== undefined ? { plannedImpact: body.plannedImpact } : {}),
        ...(body.socialReturn !== undefined ? { socialReturn: body.socialReturn } : {}),
        version: proposal.version + 1,
        updatedAt: at,
      })
      .where(eq(proposals.id, proposalId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.updated', entityType: 'proposal', entityId: proposalId, organisationId: proposal.leadEnterpriseId, before: auditContent(proposal), after: auditContent(row!) })
    return toProposal(tx, row!, challenge, access, at)
  })
}

/** The frozen content a receipt covers. Keys are fixed here; canonicalJson fixes their order. */
export async function buildSnapshot(tx: DbOrTx, row: ProposalRow, submittedAt: Date): Promise<SubmissionSnapshot> {
  const [lead] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.leadEnterpriseId))
  const partners = (await partnersOf(tx, row.id)).filter((p) => p.status === 'accepted').map((p) => ({ id: p.enterpriseId, name: p.name }))
  const docs = await proposalDocuments(tx, row.id)
  return {
    proposalId: row.id,
    challengeId: row.challengeId,
    submittedAt: submittedAt.toISOString(),
    leadEnterprise: { id: lead!.id, name: lead!.name },
    partners,
    title: row.title,
    summary: row.summary,
    approach: row.approach,
    team: row.team,
    requestedBudgetCents: row.requestedBudgetCents ?? 0,
    plannedImpact: row.plannedImpact,
    socialReturn: row.socialReturn ?? null,
    documents: docs.map((d) => ({ id: d.id, name: d.name, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256 })),
  }
}

export const snapshotHash = (snapshot: SubmissionSnapshot) => createHash('sha256').update(canonicalJson(snapshot), 'utf8').digest('hex')

export async function submitProposal({ db, now }: ProposalDeps, actor: Actor, proposalId: string, version: number): Promise<SubmissionReceipt> {
  return db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, proposalId, at)
    if (access !== 'lead') throw proposalErrors.forbidden('Only the lead enterprise submits the proposal.')
    assertTransition(proposal, challenge, 'submit', at)
    await assertVersion(tx, proposal, challenge, access, version, at)

    const missing = checkProposalCompleteness(proposal, { socialReturnRequired: (challenge.socialReturnPercent ?? 0) > 0 })
    if (missing.length > 0) throw proposalErrors.incomplete(`${missing.length} required field(s) are missing.`, missing)
    const [lead] = await tx.select().from(organisations).where(eq(organisations.id, proposal.leadEnterpriseId))
    const ineligible = checkEligibility(challenge, lead!)
    if (ineligible.length > 0) {
      const first = ineligible.find((p) => p.code === 'proposals.not_eligible_art_2_82') ?? ineligible[0]!
      throw notEligible(first.code, ineligible.map((p) => p.message).join(' '), ineligible.map((p) => ({ field: p.field, code: p.code, message: p.message })))
    }

    const snapshot = await buildSnapshot(tx, proposal, at)
    const contentHash = snapshotHash(snapshot)
    const [submission] = await tx.insert(proposalSubmissions).values({ proposalId, submittedAt: at, contentHash, snapshot, submittedBy: actor.userId }).returning()
    const [row] = await tx.update(proposals).set({ status: 'submitted', version: proposal.version + 1, updatedAt: at }).where(eq(proposals.id, proposalId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.submitted', entityType: 'proposal', entityId: proposalId, organisationId: proposal.leadEnterpriseId, before: { status: proposal.status }, after: { status: row!.status, submissionId: submission!.id, contentHash } })
    const [submitter] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, actor.userId))
    await enqueueEmail(tx, {
      to: submitter!.email,
      subject: `Ontvangstbevestiging / Receipt: ${proposal.title}`,
      text: [
        `Beste ${submitter!.name},`,
        '',
        `Uw voorstel "${proposal.title}" voor "${challenge.title}" is ingediend. / Your proposal has been submitted.`,
        `Tijdstip (servertijd) / Submitted at (server time): ${at.toISOString()}`,
        `Inhoudshash / Content hash (SHA-256): ${contentHash}`,
        `Voorstel / Proposal: ${proposalId}`,
        '',
        'Bewaar deze bevestiging: de hash bewijst welke inhoud u heeft ingediend. / Keep this receipt: the hash proves what you submitted.',
      ].join('\n'),
    })
    return toReceipt(submission!)
  })
}

export async function withdrawProposal({ db, now }: ProposalDeps, actor: Actor, proposalId: string, version: number): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, proposalId, at)
    if (access !== 'lead') throw proposalErrors.forbidden('Only the lead enterprise withdraws the proposal.')
    assertTransition(proposal, challenge, 'withdraw', at)
    await assertVersion(tx, proposal, challenge, access, version, at)
    const [row] = await tx.update(proposals).set({ status: 'withdrawn', version: proposal.version + 1, updatedAt: at }).where(eq(proposals.id, proposalId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.withdrawn', entityType: 'proposal', entityId: proposalId, organisationId: proposal.leadEnterpriseId, before: { status: proposal.status }, after: { status: 'withdrawn' } })
    return toProposal(tx, row!, challenge, access, at)
  })
}

/** Drafts and submissions of all my enterprises, as lead, accepted partner or invited partner. */
export async function listMyProposals({ db, now }: ProposalDeps, actor: Actor): Promise<ProposalSummary[]> {
  const at = now()
  const mine = await myEnterpriseIds(db, actor)
  if (mine.length === 0) return []
  const partnerRows = await db
    .select({ proposalId: proposalPartners.proposalId, enterpriseId: proposalPartners.enterpriseId, status: proposalPartners.status })
    .from(proposalPartners)
    .where(and(inArray(proposalPartners.enterpriseId, mine), inArray(proposalPartners.status, ['invited', 'accepted'])))
  const partnerIds = partnerRows.map((p) => p.proposalId)
  const rows = await db
    .select({ proposal: proposals, challenge: challenges, leadName: organisations.name })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .innerJoin(organisations, eq(organisations.id, proposals.leadEnterpriseId))
    .where(partnerIds.length > 0 ? or(inArray(proposals.leadEnterpriseId, mine), inArray(proposals.id, partnerIds)) : inArray(proposals.leadEnterpriseId, mine))
    .orderBy(desc(proposals.updatedAt))
  const names = new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, mine))).map((o) => [o.id, o.name]))
  const receipts = rows.length
    ? await db
        .select()
        .from(proposalSubmissions)
        .where(inArray(proposalSubmissions.proposalId, rows.map((r) => r.proposal.id)))
        .orderBy(desc(proposalSubmissions.submittedAt))
    : []
  return rows.map(({ proposal, challenge, leadName }) => {
    const isLead = mine.includes(proposal.leadEnterpriseId)
    const candidates = isLead ? [] : partnerRows.filter((p) => p.proposalId === proposal.id)
    const partner = candidates.find((p) => p.status === 'accepted') ?? candidates[0]
    const myEnterpriseId = isLead ? proposal.leadEnterpriseId : partner!.enterpriseId
    const receipt = receipts.find((r) => r.proposalId === proposal.id)
    return {
      id: proposal.id,
      title: proposal.title,
      status: proposal.status,
      challenge: { id: challenge.id, title: challenge.title, submissionDeadline: challenge.submissionDeadline?.toISOString() ?? null, status: challengeStatusAt(challenge, at) },
      leadEnterprise: { id: proposal.leadEnterpriseId, name: leadName },
      myEnterprise: { id: myEnterpriseId, name: names.get(myEnterpriseId) ?? '' },
      myAccess: isLead ? 'lead' : partner!.status === 'accepted' ? 'partner' : 'invited',
      version: proposal.version,
      receipt: receipt ? toReceipt(receipt) : null,
      updatedAt: proposal.updatedAt.toISOString(),
    }
  })
}
