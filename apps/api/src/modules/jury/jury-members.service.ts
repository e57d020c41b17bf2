import { randomBytes } from 'node:crypto'
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { InviteJuryMemberBody, JuryMember, UpdateJuryMemberBody } from '@opgave/contracts'
import { validateSdgSelection } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { hashSecret } from '../auth/refresh-token'
import { challenges } from '../challenges/challenges.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { isInvitedAccount, normaliseEmail, WRONG_INVITED_ACCOUNT } from '../users/users.service'
import { users } from '../users/users.table'
import { authorizeJury } from './jury.access'
import { juryErrors } from './jury.errors'
import { juryAssignments, juryMembers, juryRounds, juryScorecards, type JuryMemberRow } from './jury.table'


export const JURY_INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000

export interface JuryDeps {
  db: Database
  now: () => Date
  publicUrl: string
}

async function toMember(db: DbOrTx, row: JuryMemberRow): Promise<JuryMember> {
  const [user] = row.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)) : []
  return {
    id: row.id,
    challengeId: row.challengeId,
    email: row.email,
    name: user?.name ?? null,
    userId: row.userId,
    isChair: row.isChair,
    sdgExpertise: row.sdgExpertise,
    status: row.acceptedAt ? 'active' : 'invited',
    invitationExpiresAt: row.invitationExpiresAt.toISOString(),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  }
}

function assertExpertise(goals: number[] | undefined) {
  if (!goals) return
  const problems = validateSdgSelection({ goals, targets: [] })
  if (problems.length > 0) throw commonProblems.validation(problems.map((p) => ({ field: `/sdgExpertise/${p.index}`, code: p.code, message: `Invalid SDG goal ${p.value}` })))
}

/** Only one chair per challenge: naming a new one steps the previous one down in the same transaction. */
async function stepDownChair(tx: DbOrTx, actor: Actor, challengeId: string, exceptId: string | null, municipalityId: string) {
  const demoted = await tx
    .update(juryMembers)
    .set({ isChair: false, updatedAt: new Date() })
    .where(and(eq(juryMembers.challengeId, challengeId), eq(juryMembers.isChair, true), isNull(juryMembers.removedAt)))
    .returning({ id: juryMembers.id })
  for (const d of demoted) {
    if (d.id === exceptId) continue
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_member.chair_removed', entityType: 'jury_member', entityId: d.id, organisationId: municipalityId, before: { isChair: true }, after: { isChair: false } })
  }
}

export async function listMembers(deps: JuryDeps, actor: Actor, challengeId: string): Promise<JuryMember[]> {
  await authorizeJury(deps.db, actor, challengeId, 'jury.read_members')
  const rows = await deps.db.select().from(juryMembers).where(and(eq(juryMembers.challengeId, challengeId), isNull(juryMembers.removedAt))).orderBy(asc(juryMembers.createdAt))
  return Promise.all(rows.map((r) => toMember(deps.db, r)))
}

/**
 * Invites someone by email, with or without an account: the single-use link exists only in the
 * email (queued in this transaction); only an account with the invited address can accept it.
 */
export async function inviteMember(deps: JuryDeps, actor: Actor, challengeId: string, body: InviteJuryMemberBody): Promise<JuryMember> {
  assertExpertise(body.sdgExpertise)
  return deps.db.transaction(async (tx) => {
    const { challenge } = await authorizeJury(tx, actor, challengeId, 'jury.manage_members')
    // One membership change per jury at a time: keeps one chair and one seat per email without racing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jury_members:${challengeId}`}))`)
    const email = normaliseEmail(body.email)
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(deps.now().getTime() + JURY_INVITATION_TTL_MS)
    const [existing] = await tx.select().from(juryMembers).where(and(eq(juryMembers.challengeId, challengeId), eq(juryMembers.email, email))).for('update')
    if (existing && !existing.removedAt) throw juryErrors.alreadyMember(`${email} is already on this jury.`)
    if (body.isChair) await stepDownChair(tx, actor, challengeId, null, challenge.municipalityId)
    const values = { isChair: body.isChair ?? false, sdgExpertise: body.sdgExpertise ?? [], tokenHash: hashSecret(token), invitedBy: actor.userId, invitationExpiresAt: expiresAt }
    const [row] = existing
      ? await tx.update(juryMembers).set({ ...values, userId: null, acceptedAt: null, removedAt: null, version: existing.version + 1, updatedAt: new Date() }).where(eq(juryMembers.id, existing.id)).returning()
      : await tx.insert(juryMembers).values({ ...values, challengeId, email }).returning()
    const link = `${deps.publicUrl.replace(/\/$/, '')}/jury-uitnodigingen/${token}`
    const role = body.isChair ? 'voorzitter van de jury' : 'jurylid'
    await enqueueEmail(tx, {
      to: email,
      subject: `Uitnodiging jury: ${challenge.title} / Jury invitation`,
      text: [
        `U bent uitgenodigd als ${role} voor de opgave "${challenge.title}" op Opgave.`,
        `Accepteer de uitnodiging binnen 14 dagen (maak zo nodig eerst een account aan): ${link}`,
        '',
        `You are invited to the jury${body.isChair ? ' as its chair' : ''} of the challenge "${challenge.title}" on Opgave.`,
        `Accept within 14 days (create an account first if you have none): ${link}`,
      ].join('\n'),
    })
    const member = await toMember(tx, row!)
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_member.invited', entityType: 'jury_member', entityId: row!.id, organisationId: challenge.municipalityId, after: member })
    return member
  })
}

async function loadMember(tx: DbOrTx, challengeId: string, memberId: string) {
  const [row] = await tx.select().from(juryMembers).where(and(eq(juryMembers.id, memberId), eq(juryMembers.challengeId, challengeId), isNull(juryMembers.removedAt))).for('update')
  if (!row) throw juryErrors.notFound('No such jury member.')
  return row
}

export async function updateMember(deps: JuryDeps, actor: Actor, challengeId: string, memberId: string, body: UpdateJuryMemberBody): Promise<JuryMember> {
  assertExpertise(body.sdgExpertise)
  return deps.db.transaction(async (tx) => {
    const { challenge } = await authorizeJury(tx, actor, challengeId, 'jury.manage_members')
    // One membership change per jury at a time: keeps one chair and one seat per email without racing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jury_members:${challengeId}`}))`)
    const before = await loadMember(tx, challengeId, memberId)
    if (before.version !== body.version) throw commonProblems.staleVersion(await toMember(tx, before))
    if (body.isChair === true && !before.isChair) await stepDownChair(tx, actor, challengeId, memberId, challenge.municipalityId)
    const [row] = await tx
      .update(juryMembers)
      .set({ ...(body.isChair !== undefined ? { isChair: body.isChair } : {}), ...(body.sdgExpertise ? { sdgExpertise: body.sdgExpertise } : {}), version: before.version + 1, updatedAt: new Date() })
      .where(eq(juryMembers.id, memberId))
      .returning()
    const member = await toMember(tx, row!)
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_member.updated', entityType: 'jury_member', entityId: memberId, organisationId: challenge.municipalityId, before: await toMember(tx, before), after: member })
    return member
  })
}

/** Removes a seat that holds no scores yet (scores stay part of the record), with its open assignments. */
export async function removeMember(deps: JuryDeps, actor: Actor, challengeId: string, memberId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { challenge } = await authorizeJury(tx, actor, challengeId, 'jury.manage_members')
    const before = await loadMember(tx, challengeId, memberId)
    const [scored] = await tx.select({ id: juryScorecards.id }).from(juryScorecards).where(and(eq(juryScorecards.memberId, memberId), eq(juryScorecards.hasScores, true))).limit(1)
    if (scored) throw juryErrors.memberHasScores()
    await tx.delete(juryScorecards).where(eq(juryScorecards.memberId, memberId))
    await tx.delete(juryAssignments).where(eq(juryAssignments.memberId, memberId))
    await tx.update(juryMembers).set({ removedAt: deps.now(), isChair: false, tokenHash: null, updatedAt: new Date() }).where(eq(juryMembers.id, memberId))
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_member.removed', entityType: 'jury_member', entityId: memberId, organisationId: challenge.municipalityId, before })
  })
}

async function findUsable(db: DbOrTx, token: string, now: Date) {
  const [row] = await db
    .select({ member: juryMembers, challengeTitle: challenges.title })
    .from(juryMembers)
    .innerJoin(challenges, eq(challenges.id, juryMembers.challengeId))
    .where(eq(juryMembers.tokenHash, hashSecret(token)))
    .limit(1)
  if (!row) throw juryErrors.invitationNotFound('This invitation link is not valid.')
  if (row.member.acceptedAt || row.member.removedAt || row.member.invitationExpiresAt <= now) throw juryErrors.invitationUnusable('This invitation was already used, withdrawn or has expired. Ask for a new one.')
  return row
}

export async function previewInvitation(deps: JuryDeps, token: string) {
  const { member, challengeTitle } = await findUsable(deps.db, token, deps.now())
  return { challengeId: member.challengeId, challengeTitle, email: member.email, isChair: member.isChair, expiresAt: member.invitationExpiresAt.toISOString() }
}

/**
 * Order of refusals: unknown token 404, used/withdrawn/expired 410, another account than the invited one 403,
 * already seated on this jury 409. Single use: the update only succeeds while the seat is still open, so two
 * accepts cannot both win.
 */
export async function acceptInvitation(deps: JuryDeps, actor: Actor, token: string): Promise<JuryMember> {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const { member } = await findUsable(tx, token, now)
    if (!(await isInvitedAccount(tx, actor.userId, member.email))) throw juryErrors.invitationWrongAccount(WRONG_INVITED_ACCOUNT)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jury_members:${member.challengeId}`}))`)
    const other = await tx
      .select({ id: juryMembers.id })
      .from(juryMembers)
      .where(and(eq(juryMembers.challengeId, member.challengeId), eq(juryMembers.userId, actor.userId), isNotNull(juryMembers.acceptedAt), isNull(juryMembers.removedAt)))
    if (other.length > 0) throw juryErrors.alreadyMember('You already have a seat on this jury.')
    const [row] = await tx
      .update(juryMembers)
      .set({ userId: actor.userId, acceptedAt: now, version: member.version + 1, updatedAt: new Date() })
      .where(and(eq(juryMembers.id, member.id), isNull(juryMembers.acceptedAt), isNull(juryMembers.removedAt)))
      .returning()
    if (!row) throw juryErrors.invitationUnusable()
    const [challenge] = await tx.select({ municipalityId: challenges.municipalityId }).from(challenges).where(eq(challenges.id, row.challengeId))
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_member.accepted', entityType: 'jury_member', entityId: row.id, organisationId: challenge?.municipalityId ?? null, after: { userId: actor.userId } })
    return toMember(tx, row)
  })
}

/** The juror's start page: every jury the caller sits on, with its rounds. */
export async function mySeats(db: Database, actor: Actor) {
  const seats = await db
    .select({ member: juryMembers, challengeTitle: challenges.title, decisionAt: challenges.decisionAt })
    .from(juryMembers)
    .innerJoin(challenges, eq(challenges.id, juryMembers.challengeId))
    .where(and(eq(juryMembers.userId, actor.userId), isNotNull(juryMembers.acceptedAt), isNull(juryMembers.removedAt)))
    .orderBy(asc(challenges.title))
  const challengeIds = seats.map((s) => s.member.challengeId)
  const rounds = challengeIds.length > 0 ? await db.select().from(juryRounds).where(inArray(juryRounds.challengeId, challengeIds)).orderBy(asc(juryRounds.position)) : []
  return seats.map((s) => ({
    memberId: s.member.id,
    challengeId: s.member.challengeId,
    challengeTitle: s.challengeTitle,
    decisionAt: s.decisionAt?.toISOString() ?? null,
    isChair: s.member.isChair,
    rounds: rounds.filter((r) => r.challengeId === s.member.challengeId).map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status, position: r.position })),
  }))
}
