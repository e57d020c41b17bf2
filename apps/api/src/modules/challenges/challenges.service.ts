import { and, desc, eq, like, sql } from 'drizzle-orm'
import type { Challenge, ChallengeAmendment, ChallengeSummary, ChallengeTransition, CreateChallengeBody, MembershipRole, UpdateChallengeBody } from '@opgave/contracts'
import { applyChallengeTransition, missingTransitionPrerequisite } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { organisations } from '../organisations/organisations.table'
import { slugify } from '../organisations/slug'
import { authorizeChallenge, challengeStatusAt, getChallengeRow, isChallengePublic, isStaffOfChallenge, loadChallengeForUpdate, municipalityRole } from './challenges.access'
import { challengeErrors } from './challenges.errors'
import { notifyFollowersAndApplicants } from './challenges.followers'
import { listAmendments, publishChallengeChange } from './challenges.amendments'
import { challengeChanges } from './challenge-changes'
import { challengeToIcs } from './challenges.ics'
import { icsUidDomain } from '../../lib/ics'
import { completenessErrors, mergeChallengeInput, type MergedChallenge } from './challenges.input'
import { budgetTotalCentsSql, isEditableStatus, loadMunicipalityRef, summaryColumns, toChallenge, toChallengeSummary, TRANSITIONS } from './challenges.mapper'
import { canOnChallenges, isMunicipalityStaff } from './challenges.policy'
import { challengeBudgetLines, challengeFollowers, challenges, type ChallengeRow } from './challenges.table'
import { juryDecisions } from '../jury/jury.table'

// Shared entry points other modules (proposals, questions) import: access rules, row loading, followers.
export { authorizeChallenge, challengeStatusAt, getChallengeRow, isChallengePublic, isStaffOfChallenge, loadChallengeForUpdate, municipalityRole, notifyFollowersAndApplicants }

export interface ChallengeDeps {
  db: Database
  /** The server clock: every deadline decision uses it. */
  now: () => Date
  publicUrl: string
}

const publicBase = (deps: Pick<ChallengeDeps, 'publicUrl'>) => deps.publicUrl.replace(/\/$/, '')
export const challengeUrl = (deps: Pick<ChallengeDeps, 'publicUrl'>, id: string) => `${publicBase(deps)}/uitdagingen/${id}`
export const challengeCalendarUrl = (deps: Pick<ChallengeDeps, 'publicUrl'>, id: string) => `${publicBase(deps)}/api/v1/challenges/${id}/ics`

/** The municipality must exist; non-staff learn nothing (404), staff without the right get 403. */
async function authorizeMunicipality(db: DbOrTx, actor: Actor, municipalityId: string, action: 'challenge.read_draft' | 'challenge.edit') {
  const [municipality] = await db.select().from(organisations).where(eq(organisations.id, municipalityId)).limit(1)
  const role = municipality ? await municipalityRole(db, actor, municipalityId) : null
  if (!municipality || municipality.kind !== 'municipality' || (!actor.isPlatformAdmin && role === null)) throw commonProblems.notFound('Municipality not found.')
  if (!canOnChallenges(actor, role, action)) throw challengeErrors.forbidden()
  return { municipality, role }
}

async function uniqueChallengeSlug(tx: DbOrTx, municipalityId: string, title: string): Promise<string> {
  const base = slugify(title)
  const taken = new Set(
    (await tx.select({ slug: challenges.slug }).from(challenges).where(and(eq(challenges.municipalityId, municipalityId), like(challenges.slug, `${base}%`)))).map((r) => r.slug),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

async function replaceBudgetLines(tx: DbOrTx, challengeId: string, lines: NonNullable<MergedChallenge['budgetLines']>) {
  await tx.delete(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, challengeId))
  if (lines.length > 0) await tx.insert(challengeBudgetLines).values(lines.map((l) => ({ ...l, challengeId })))
}

async function budgetLinesDiffer(tx: DbOrTx, challengeId: string, lines: NonNullable<MergedChallenge['budgetLines']>): Promise<boolean> {
  const stored = await tx.select({ portfolio: challengeBudgetLines.portfolio, amountCents: challengeBudgetLines.amountCents }).from(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, challengeId)).orderBy(challengeBudgetLines.position)
  return JSON.stringify(stored) !== JSON.stringify(lines.map((l) => ({ portfolio: l.portfolio, amountCents: l.amountCents })))
}

async function budgetLineCount(tx: DbOrTx, challengeId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, challengeId))
  return row?.n ?? 0
}

export async function createChallenge(deps: ChallengeDeps, actor: Actor, municipalityId: string, body: CreateChallengeBody): Promise<Challenge> {
  return deps.db.transaction(async (tx) => {
    const { role } = await authorizeMunicipality(tx, actor, municipalityId, 'challenge.edit')
    const merged = mergeChallengeInput(null, body)
    if (merged.errors.length > 0) throw commonProblems.validation(merged.errors)
    // Serialise slug choice per municipality so two drafts with one title cannot race for one slug.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`challenges.slug:${municipalityId}`}))`)
    const now = deps.now()
    const [row] = await tx
      .insert(challenges)
      .values({ ...merged.values, municipalityId, slug: await uniqueChallengeSlug(tx, municipalityId, merged.values.title), createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning()
    if (merged.budgetLines) await replaceBudgetLines(tx, row!.id, merged.budgetLines)
    await recordAudit(tx, { actorId: actor.userId, action: 'challenge.created', entityType: 'challenge', entityId: row!.id, organisationId: municipalityId, after: { ...row, search: undefined, budgetLines: merged.budgetLines ?? [] } })
    return toChallenge(tx, row!, { actor, role }, now)
  })
}

const auditable = (row: ChallengeRow) => ({ ...row, search: undefined })

export async function updateChallenge(deps: ChallengeDeps, actor: Actor, challengeId: string, body: UpdateChallengeBody): Promise<Challenge> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now()
    const before = await loadChallengeForUpdate(tx, challengeId)
    const role = await authorizeChallenge(tx, actor, before, 'challenge.edit')
    if (body.version !== before.version) throw commonProblems.staleVersion(await toChallenge(tx, before, { actor, role }, now))
    if (!isEditableStatus(before, now)) throw challengeErrors.notEditable(`A ${challengeStatusAt(before, now)} challenge can no longer be changed.`)
    const { version: _version, ...input } = body
    const merged = mergeChallengeInput(before, input)
    if (merged.errors.length > 0) throw commonProblems.validation(merged.errors)
    const wasPublished = before.status === 'published'
    if (wasPublished) {
      // Once public, the challenge must stay complete, and no edit may move a deadline into the past.
      const lineCount = merged.budgetLines ? merged.budgetLines.length : await budgetLineCount(tx, challengeId)
      const questionsDeadlineKept = before.questionsDeadline?.getTime() === merged.values.questionsDeadline?.getTime()
      const problems = completenessErrors(merged.values, lineCount, now).filter((e) => !(questionsDeadlineKept && e.code === 'challenge.questions_deadline_passed'))
      if (problems.length > 0) throw challengeErrors.incomplete('A published challenge must stay complete.', problems)
    }
    const [after] = await tx
      .update(challenges)
      .set({ ...merged.values, version: before.version + 1, updatedAt: now })
      .where(eq(challenges.id, challengeId))
      .returning()
    const budgetLinesChanged = merged.budgetLines ? await budgetLinesDiffer(tx, challengeId, merged.budgetLines) : false
    if (merged.budgetLines) await replaceBudgetLines(tx, challengeId, merged.budgetLines)
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'challenge.updated',
      entityType: 'challenge',
      entityId: challengeId,
      organisationId: before.municipalityId,
      before: auditable(before),
      after: { ...auditable(after!), ...(merged.budgetLines ? { budgetLines: merged.budgetLines } : {}) },
    })
    if (wasPublished) {
      await publishChallengeChange(tx, challengeId, challengeChanges(before, after!, { link: challengeUrl(deps, challengeId), calendarLink: challengeCalendarUrl(deps, challengeId), budgetLinesChanged }), now)
    }
    return toChallenge(tx, after!, { actor, role }, now)
  })
}

const TRANSITION_MAIL: Record<ChallengeTransition, string> = {
  publish: 'is gepubliceerd',
  startEvaluation: 'wordt nu beoordeeld door de jury',
  decide: 'heeft een besluit van de jury',
  publishResults: 'heeft de uitslag gepubliceerd',
  archive: 'is gearchiveerd',
}

/** One lifecycle step, checked on the effective status (server clock), audited and announced to followers. */
export async function transitionChallenge(deps: ChallengeDeps, actor: Actor, challengeId: string, transition: ChallengeTransition, version: number): Promise<Challenge> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now()
    const before = await loadChallengeForUpdate(tx, challengeId)
    const role = await authorizeChallenge(tx, actor, before, 'challenge.transition')
    if (version !== before.version) throw commonProblems.staleVersion(await toChallenge(tx, before, { actor, role }, now))
    const effective = challengeStatusAt(before, now)
    const result = applyChallengeTransition(effective, TRANSITIONS[transition])
    if (!result.ok) throw challengeErrors.invalidTransition(`Cannot ${transition} a challenge that is ${effective}.`)
    const [decision] = transition === 'publishResults' ? await tx.select({ challengeId: juryDecisions.challengeId }).from(juryDecisions).where(eq(juryDecisions.challengeId, challengeId)) : []
    if (missingTransitionPrerequisite(TRANSITIONS[transition], { juryDecisionRecorded: decision !== undefined }) === 'jury_decision') {
      throw challengeErrors.decisionMissing('The jury chair must record the winners and the motivation before the results can be published.')
    }
    if (transition === 'publish') {
      const problems = completenessErrors(before, await budgetLineCount(tx, challengeId), now)
      if (problems.length > 0) throw challengeErrors.incomplete('Complete these fields before publishing.', problems)
    }
    const [after] = await tx
      .update(challenges)
      .set({
        status: result.status,
        version: before.version + 1,
        updatedAt: now,
        ...(transition === 'publish' ? { publishedAt: now, publishAt: before.publishAt ?? now } : {}),
      })
      .where(eq(challenges.id, challengeId))
      .returning()
    await recordAudit(tx, {
      actorId: actor.userId,
      action: `challenge.${transition}`,
      entityType: 'challenge',
      entityId: challengeId,
      organisationId: before.municipalityId,
      before: { status: before.status, effectiveStatus: effective, version: before.version },
      after: { status: after!.status, version: after!.version, publishedAt: after!.publishedAt },
    })
    await notifyFollowersAndApplicants(tx, challengeId, `Uitdaging ${TRANSITION_MAIL[transition]}: ${after!.title}`, `De uitdaging "${after!.title}" ${TRANSITION_MAIL[transition]}.\n\n${challengeUrl(deps, challengeId)}`)
    return toChallenge(tx, after!, { actor, role }, now)
  })
}

/**
 * A challenge as `actor` may see it: public for published-or-later challenges; drafts exist only for the
 * municipality's staff (others: 404). Also what is shown with a challenge (its assessment) is read through this.
 */
export async function loadVisibleChallenge(db: DbOrTx, actor: Actor | null, challengeId: string): Promise<{ row: ChallengeRow; role: MembershipRole | null }> {
  const row = await getChallengeRow(db, challengeId)
  if (!row) throw challengeErrors.notFound()
  const role = await municipalityRole(db, actor, row.municipalityId)
  if (!isChallengePublic(row) && !isMunicipalityStaff(actor, role)) throw challengeErrors.notFound()
  return { row, role }
}

export async function getChallenge(deps: ChallengeDeps, actor: Actor | null, challengeId: string): Promise<Challenge> {
  const { row, role } = await loadVisibleChallenge(deps.db, actor, challengeId)
  return toChallenge(deps.db, row, { actor, role }, deps.now())
}

/** The challenge's change log (`listAmendments`), visible as the challenge is. */
export async function getChallengeAmendments(deps: ChallengeDeps, actor: Actor | null, challengeId: string): Promise<ChallengeAmendment[]> {
  await loadVisibleChallenge(deps.db, actor, challengeId)
  return listAmendments(deps.db, challengeId)
}

/** The challenge's dates as an .ics file, visible as the challenge is (`challengeToIcs`). */
export async function challengeCalendar(deps: ChallengeDeps, actor: Actor | null, challengeId: string): Promise<{ ics: string; fileName: string }> {
  const { row } = await loadVisibleChallenge(deps.db, actor, challengeId)
  return { ics: challengeToIcs({ ...row, pageUrl: challengeUrl(deps, row.id) }, { uidDomain: icsUidDomain(deps.publicUrl) }), fileName: `uitdaging-${row.slug}.ics` }
}

/** The municipality workspace: every challenge, drafts included, most recently changed first. */
export async function listMunicipalityChallenges(deps: ChallengeDeps, actor: Actor, municipalityId: string): Promise<ChallengeSummary[]> {
  await authorizeMunicipality(deps.db, actor, municipalityId, 'challenge.read_draft')
  const municipality = await loadMunicipalityRef(deps.db, municipalityId)
  const rows = await deps.db
    .select({ challenge: summaryColumns, total: budgetTotalCentsSql })
    .from(challenges)
    .where(eq(challenges.municipalityId, municipalityId))
    .orderBy(desc(challenges.updatedAt), desc(challenges.id))
  const now = deps.now()
  return rows.map((r) => toChallengeSummary(r.challenge, municipality, r.total, now))
}

async function loadFollowable(db: DbOrTx, actor: Actor, challengeId: string): Promise<ChallengeRow> {
  const row = await getChallengeRow(db, challengeId)
  if (!row) throw challengeErrors.notFound()
  if (!isChallengePublic(row)) {
    if (await isStaffOfChallenge(db, actor, row)) throw challengeErrors.notFollowable()
    throw challengeErrors.notFound()
  }
  return row
}

export async function followChallenge(deps: ChallengeDeps, actor: Actor, challengeId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await loadFollowable(tx, actor, challengeId)
    const inserted = await tx.insert(challengeFollowers).values({ challengeId, userId: actor.userId, createdAt: deps.now() }).onConflictDoNothing().returning()
    if (inserted.length > 0) {
      await recordAudit(tx, { actorId: actor.userId, action: 'challenge.followed', entityType: 'challenge', entityId: challengeId, organisationId: row.municipalityId })
    }
  })
}

export async function unfollowChallenge(deps: ChallengeDeps, actor: Actor, challengeId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await loadFollowable(tx, actor, challengeId)
    const removed = await tx
      .delete(challengeFollowers)
      .where(and(eq(challengeFollowers.challengeId, challengeId), eq(challengeFollowers.userId, actor.userId)))
      .returning()
    if (removed.length > 0) {
      await recordAudit(tx, { actorId: actor.userId, action: 'challenge.unfollowed', entityType: 'challenge', entityId: challengeId, organisationId: row.municipalityId })
    }
  })
}
