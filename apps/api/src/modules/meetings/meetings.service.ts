import { and, asc, eq, gt, gte, inArray, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { MembershipRole } from '@opgave/contracts'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { challenges } from '../challenges/challenges.table'
import { municipalityRole } from '../challenges/challenges.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { registrationsToCsv } from './meetings.csv'
import { meetingErrors } from './meetings.errors'
import { meetingToIcs } from './meetings.ics'
import { canManageMeetings, manageAccess, municipalityAccess, placesLeft, readAccess, registrationDeadline, registrationRefusal } from './meetings.policy'
import type { CreateMeetingBody, Meeting, MeetingListQuery, MeetingPage, RegisterBody, Registration, UpdateMeetingBody } from './meetings.schemas'
import { meetingRegistrations, meetings, type MeetingRow } from './meetings.table'
import { icsUidDomain } from '../../lib/ics'

export interface MeetingDeps {
  db: Database
  /** The server clock: registration deadlines and "upcoming" are decided with it. */
  now: () => Date
  publicUrl: string
}

const base = (deps: Pick<MeetingDeps, 'publicUrl'>) => deps.publicUrl.replace(/\/$/, '')
export const meetingPageUrl = (deps: Pick<MeetingDeps, 'publicUrl'>, id: string) => `${base(deps)}/bijeenkomsten/${id}`
export const meetingIcsUrl = (deps: Pick<MeetingDeps, 'publicUrl'>, id: string) => `${base(deps)}/api/v1/meetings/${id}/ics`
const uidDomain = (deps: Pick<MeetingDeps, 'publicUrl'>) => icsUidDomain(deps.publicUrl)

const registeredCountSql = sql<number>`(select count(*) from ${meetingRegistrations} where ${meetingRegistrations.meetingId} = ${meetings.id})`.mapWith(Number)
const municipalityOrg = alias(organisations, 'meeting_municipality')

interface Loaded {
  row: MeetingRow
  municipality: { id: string; name: string; slug: string }
  challenge: { id: string; title: string } | null
  registered: number
}

async function loadMeetings(db: DbOrTx, where: SQL | undefined, opts: { limit?: number } = {}): Promise<Loaded[]> {
  const query = db
    .select({
      row: meetings,
      municipality: { id: municipalityOrg.id, name: municipalityOrg.name, slug: municipalityOrg.slug },
      challengeId: challenges.id,
      challengeTitle: challenges.title,
      registered: registeredCountSql,
    })
    .from(meetings)
    .innerJoin(municipalityOrg, eq(municipalityOrg.id, meetings.municipalityId))
    .leftJoin(challenges, eq(challenges.id, meetings.challengeId))
    .where(where)
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
  const rows = opts.limit ? await query.limit(opts.limit) : await query
  return rows.map((r) => ({ row: r.row, municipality: r.municipality, challenge: r.challengeId ? { id: r.challengeId, title: r.challengeTitle! } : null, registered: r.registered }))
}

async function myRegistrations(db: DbOrTx, actor: Actor | null, meetingIds: string[]) {
  if (!actor || meetingIds.length === 0) return new Map<string, Meeting['myRegistration']>()
  const rows = await db
    .select({ meetingId: meetingRegistrations.meetingId, note: meetingRegistrations.note, registeredAt: meetingRegistrations.registeredAt, enterpriseId: organisations.id, enterpriseName: organisations.name })
    .from(meetingRegistrations)
    .leftJoin(organisations, eq(organisations.id, meetingRegistrations.enterpriseId))
    .where(and(eq(meetingRegistrations.userId, actor.userId), inArray(meetingRegistrations.meetingId, meetingIds)))
  return new Map(rows.map((r) => [r.meetingId, { enterprise: r.enterpriseId ? { id: r.enterpriseId, name: r.enterpriseName! } : null, note: r.note, registeredAt: r.registeredAt.toISOString() }]))
}

/** The caller's municipality roles, for `mayManage` on many meetings at once. */
async function rolesOf(db: DbOrTx, actor: Actor | null): Promise<Map<string, MembershipRole>> {
  if (!actor) return new Map()
  const rows = await db.select({ org: memberships.organisationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, actor.userId))
  return new Map(rows.map((r) => [r.org, r.role]))
}

export function toMeeting(m: Loaded, extra: { myRegistration: Meeting['myRegistration']; mayManage: boolean }, now: Date): Meeting {
  const { row } = m
  return {
    id: row.id,
    municipality: m.municipality,
    challenge: m.challenge,
    kind: row.kind,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    onlineUrl: row.onlineUrl,
    capacity: row.capacity,
    registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
    registrationDeadline: registrationDeadline(row).toISOString(),
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    version: row.version,
    registeredCount: m.registered,
    placesLeft: placesLeft(row.capacity, m.registered),
    registrationOpen: registrationRefusal(row, m.registered, now) === null,
    myRegistration: extra.myRegistration,
    mayManage: extra.mayManage,
  }
}

async function present(db: DbOrTx, actor: Actor | null, loaded: Loaded[], now: Date): Promise<Meeting[]> {
  const mine = await myRegistrations(db, actor, loaded.map((m) => m.row.id))
  const roles = await rolesOf(db, actor)
  return loaded.map((m) => toMeeting(m, { myRegistration: mine.get(m.row.id) ?? null, mayManage: !!actor && canManageMeetings(roles.get(m.row.municipalityId) ?? null, actor.isPlatformAdmin) }, now))
}

// --- public ---

interface Cursor {
  s: string
  i: string
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url')
function decodeCursor(raw: string): Cursor {
  const invalid = () => commonProblems.fieldInvalid('query/cursor', 'meetings.invalid_cursor', 'The cursor is invalid; start again without it.')
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor> | null
    if (!c || typeof c.s !== 'string' || typeof c.i !== 'string' || Number.isNaN(Date.parse(c.s)) || !/^[0-9a-f-]{36}$/i.test(c.i)) throw invalid()
    return { s: c.s, i: c.i }
  } catch {
    throw invalid()
  }
}

/** Published meetings ending at or after `from` (default: now), soonest first, paged by cursor. Never who registered. */
export async function listPublicMeetings(deps: MeetingDeps, actor: Actor | null, query: MeetingListQuery): Promise<MeetingPage> {
  const now = deps.now()
  const limit = query.limit ?? 20
  const from = query.from ? new Date(query.from) : now
  const conditions: (SQL | undefined)[] = [eq(meetings.status, 'published'), gte(meetings.endsAt, from)]
  if (query.municipality) conditions.push(eq(municipalityOrg.slug, query.municipality))
  if (query.challengeId) conditions.push(eq(meetings.challengeId, query.challengeId))
  if (query.kind) conditions.push(eq(meetings.kind, query.kind))
  if (query.cursor) {
    const c = decodeCursor(query.cursor)
    const at = new Date(c.s)
    conditions.push(or(gt(meetings.startsAt, at), and(eq(meetings.startsAt, at), gt(meetings.id, c.i))))
  }
  const loaded = await loadMeetings(deps.db, and(...conditions), { limit: limit + 1 })
  const page = loaded.slice(0, limit)
  const last = page.at(-1)
  const nextCursor = loaded.length > limit && last ? encodeCursor({ s: last.row.startsAt.toISOString(), i: last.row.id }) : null
  return { items: await present(deps.db, actor, page, now), nextCursor }
}

/** One meeting with the caller's role; 404 when the caller may not know it. */
async function loadReadable(db: DbOrTx, actor: Actor | null, meetingId: string): Promise<{ loaded: Loaded; role: MembershipRole | null }> {
  const [loaded] = await loadMeetings(db, eq(meetings.id, meetingId))
  if (!loaded) throw meetingErrors.notFound()
  const role = await municipalityRole(db, actor, loaded.row.municipalityId)
  if (readAccess(loaded.row.status, role, actor?.isPlatformAdmin ?? false) !== 'allowed') throw meetingErrors.notFound()
  return { loaded, role }
}

export async function getMeeting(deps: MeetingDeps, actor: Actor | null, meetingId: string): Promise<Meeting> {
  const { loaded } = await loadReadable(deps.db, actor, meetingId)
  const [meeting] = await present(deps.db, actor, [loaded], deps.now())
  return meeting!
}

const icsOf = (deps: Pick<MeetingDeps, 'publicUrl'>, row: MeetingRow) =>
  meetingToIcs({ ...row, pageUrl: meetingPageUrl(deps, row.id) }, { uidDomain: uidDomain(deps) })

export async function meetingCalendar(deps: MeetingDeps, actor: Actor | null, meetingId: string): Promise<{ ics: string; fileName: string }> {
  const { loaded } = await loadReadable(deps.db, actor, meetingId)
  return { ics: icsOf(deps, loaded.row), fileName: `bijeenkomst-${loaded.row.id}.ics` }
}

// --- staff ---

async function authorizeMunicipality(db: DbOrTx, actor: Actor, municipalityId: string, action: 'read' | 'manage') {
  const [municipality] = await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.id, municipalityId)).limit(1)
  const role = municipality?.kind === 'municipality' ? await municipalityRole(db, actor, municipalityId) : null
  const access = municipality?.kind === 'municipality' ? municipalityAccess(role, actor.isPlatformAdmin, action) : 'unknown'
  if (access === 'unknown') throw meetingErrors.municipalityNotFound()
  if (access === 'forbidden') throw meetingErrors.forbidden('Only admins and challenge managers of the municipality manage its meetings.')
}

/** Every meeting of the municipality, drafts and past ones included, soonest first (its staff). */
export async function listMunicipalityMeetings(deps: MeetingDeps, actor: Actor, municipalityId: string, status: Meeting['status'] | undefined): Promise<Meeting[]> {
  await authorizeMunicipality(deps.db, actor, municipalityId, 'read')
  const loaded = await loadMeetings(deps.db, and(eq(meetings.municipalityId, municipalityId), status ? eq(meetings.status, status) : undefined))
  return present(deps.db, actor, loaded, deps.now())
}

type Fields = Required<Omit<CreateMeetingBody, 'description' | 'location' | 'onlineUrl' | 'capacity' | 'registrationClosesAt' | 'challengeId'>> & {
  description: string
  location: string | null
  onlineUrl: string | null
  capacity: number | null
  registrationClosesAt: string | null
  challengeId: string | null
}

/** The checks a schema cannot express; each names its field. */
async function checkFields(db: DbOrTx, municipalityId: string, f: Fields, registered: number) {
  if (Date.parse(f.endsAt) <= Date.parse(f.startsAt)) throw commonProblems.fieldInvalid('/endsAt', 'meetings.ends_before_start', 'The meeting must end after it starts.')
  if (f.registrationClosesAt !== null && Date.parse(f.registrationClosesAt) > Date.parse(f.startsAt))
    throw commonProblems.fieldInvalid('/registrationClosesAt', 'meetings.closes_after_start', 'Registration must close at or before the start.')
  if (f.capacity !== null && f.capacity < registered)
    throw commonProblems.fieldInvalid('/capacity', 'meetings.capacity_below_registrations', `${registered} people have already registered; the capacity cannot be lower.`)
  if (f.challengeId !== null) {
    const [challenge] = await db.select({ municipalityId: challenges.municipalityId }).from(challenges).where(eq(challenges.id, f.challengeId)).limit(1)
    if (!challenge || challenge.municipalityId !== municipalityId) throw commonProblems.fieldInvalid('/challengeId', 'meetings.unknown_challenge', 'Choose a challenge of this municipality.')
  }
}

const auditFacts = (row: MeetingRow) => ({ status: row.status, version: row.version, kind: row.kind, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), capacity: row.capacity, challengeId: row.challengeId })

export async function createMeeting(deps: MeetingDeps, actor: Actor, municipalityId: string, body: CreateMeetingBody): Promise<Meeting> {
  return deps.db.transaction(async (tx) => {
    await authorizeMunicipality(tx, actor, municipalityId, 'manage')
    const f: Fields = {
      kind: body.kind,
      title: body.title.trim(),
      description: (body.description ?? '').trim(),
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      location: body.location?.trim() || null,
      onlineUrl: body.onlineUrl ?? null,
      capacity: body.capacity ?? null,
      registrationClosesAt: body.registrationClosesAt ?? null,
      challengeId: body.challengeId ?? null,
    }
    await checkFields(tx, municipalityId, f, 0)
    const [row] = await tx
      .insert(meetings)
      .values({ ...f, municipalityId, startsAt: new Date(f.startsAt), endsAt: new Date(f.endsAt), registrationClosesAt: f.registrationClosesAt ? new Date(f.registrationClosesAt) : null, createdBy: actor.userId, createdAt: deps.now(), updatedAt: deps.now() })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'meeting.created', entityType: 'meeting', entityId: row!.id, organisationId: municipalityId, after: auditFacts(row!) })
    return meetingAfterWrite(tx, actor, row!.id, deps.now())
  })
}

async function meetingAfterWrite(tx: DbOrTx, actor: Actor, meetingId: string, now: Date): Promise<Meeting> {
  const [loaded] = await loadMeetings(tx, eq(meetings.id, meetingId))
  const [meeting] = await present(tx, actor, [loaded!], now)
  return meeting!
}

/** Locks the meeting row (SELECT … FOR UPDATE) and checks the caller may manage it. */
async function loadForManage(tx: DbOrTx, actor: Actor, meetingId: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update')
  if (!row) throw meetingErrors.notFound()
  const access = manageAccess(row.status, await municipalityRole(tx, actor, row.municipalityId), actor.isPlatformAdmin)
  if (access === 'unknown') throw meetingErrors.notFound()
  if (access === 'forbidden') throw meetingErrors.forbidden('Only admins and challenge managers of the municipality manage its meetings.')
  return row
}

async function registrantEmails(tx: DbOrTx, meetingId: string) {
  return tx
    .select({ email: users.email, name: users.name })
    .from(meetingRegistrations)
    .innerJoin(users, eq(users.id, meetingRegistrations.userId))
    .where(eq(meetingRegistrations.meetingId, meetingId))
}

const whenText = (row: MeetingRow) =>
  `${new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(row.startsAt)} – ${new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(row.endsAt)}`
const whereText = (row: MeetingRow) => [row.location, row.onlineUrl ? `Online: ${row.onlineUrl}` : null].filter(Boolean).join('\n')

export async function updateMeeting(deps: MeetingDeps, actor: Actor, meetingId: string, body: UpdateMeetingBody): Promise<Meeting> {
  return deps.db.transaction(async (tx) => {
    const row = await loadForManage(tx, actor, meetingId)
    if (row.version !== body.version) throw commonProblems.staleVersion(await meetingAfterWrite(tx, actor, meetingId, deps.now()))
    if (row.status === 'cancelled') throw meetingErrors.cancelled('A cancelled meeting cannot be changed.')
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, meetingId))
    const f: Fields = {
      kind: body.kind ?? row.kind,
      title: body.title?.trim() ?? row.title,
      description: body.description?.trim() ?? row.description,
      startsAt: body.startsAt ?? row.startsAt.toISOString(),
      endsAt: body.endsAt ?? row.endsAt.toISOString(),
      location: body.location === undefined ? row.location : body.location?.trim() || null,
      onlineUrl: body.onlineUrl === undefined ? row.onlineUrl : body.onlineUrl,
      capacity: body.capacity === undefined ? row.capacity : body.capacity,
      registrationClosesAt: body.registrationClosesAt === undefined ? (row.registrationClosesAt?.toISOString() ?? null) : body.registrationClosesAt,
      challengeId: body.challengeId === undefined ? row.challengeId : body.challengeId,
    }
    await checkFields(tx, row.municipalityId, f, n)
    const now = deps.now()
    const [after] = await tx
      .update(meetings)
      .set({ ...f, startsAt: new Date(f.startsAt), endsAt: new Date(f.endsAt), registrationClosesAt: f.registrationClosesAt ? new Date(f.registrationClosesAt) : null, version: row.version + 1, updatedAt: now })
      .where(eq(meetings.id, meetingId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'meeting.updated', entityType: 'meeting', entityId: meetingId, organisationId: row.municipalityId, before: auditFacts(row), after: auditFacts(after!) })
    // Registrants hear about a new time or place, with the updated calendar entry (same UID, higher SEQUENCE).
    const moved = row.startsAt.getTime() !== after!.startsAt.getTime() || row.endsAt.getTime() !== after!.endsAt.getTime() || row.location !== after!.location || row.onlineUrl !== after!.onlineUrl
    if (row.status === 'published' && moved) {
      for (const person of await registrantEmails(tx, meetingId)) {
        await enqueueEmail(tx, {
          to: person.email,
          subject: `Gewijzigd: ${after!.title}`,
          text: `Beste ${person.name},\n\nDe bijeenkomst "${after!.title}" waarvoor u bent aangemeld is gewijzigd.\n\nWanneer: ${whenText(after!)}\n${whereText(after!)}\n\nWerk uw agenda bij met het nieuwe agendabestand (.ics):\n${meetingIcsUrl(deps, meetingId)}\n\n${meetingPageUrl(deps, meetingId)}`,
        })
      }
    }
    return meetingAfterWrite(tx, actor, meetingId, now)
  })
}

export async function publishMeeting(deps: MeetingDeps, actor: Actor, meetingId: string, version: number): Promise<Meeting> {
  return deps.db.transaction(async (tx) => {
    const row = await loadForManage(tx, actor, meetingId)
    if (row.version !== version) throw commonProblems.staleVersion(await meetingAfterWrite(tx, actor, meetingId, deps.now()))
    if (row.status !== 'draft') throw meetingErrors.notDraft(`This meeting is already ${row.status}.`)
    const now = deps.now()
    if (row.endsAt.getTime() <= now.getTime()) throw meetingErrors.alreadyOver('A meeting that is already over cannot be published; change its date first.')
    const [after] = await tx.update(meetings).set({ status: 'published', publishedAt: now, version: row.version + 1, updatedAt: now }).where(eq(meetings.id, meetingId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'meeting.published', entityType: 'meeting', entityId: meetingId, organisationId: row.municipalityId, before: auditFacts(row), after: auditFacts(after!) })
    return meetingAfterWrite(tx, actor, meetingId, now)
  })
}

/** Cancels a published meeting; every registrant is emailed with the cancelled calendar entry. */
export async function cancelMeeting(deps: MeetingDeps, actor: Actor, meetingId: string, body: { version: number; reason?: string }): Promise<Meeting> {
  return deps.db.transaction(async (tx) => {
    const row = await loadForManage(tx, actor, meetingId)
    if (row.version !== body.version) throw commonProblems.staleVersion(await meetingAfterWrite(tx, actor, meetingId, deps.now()))
    if (row.status === 'cancelled') throw meetingErrors.cancelled('This meeting was already cancelled.')
    if (row.status !== 'published') throw meetingErrors.notPublished('Only a published meeting can be cancelled; a draft is simply not published.')
    const now = deps.now()
    const [after] = await tx.update(meetings).set({ status: 'cancelled', cancelledAt: now, version: row.version + 1, updatedAt: now }).where(eq(meetings.id, meetingId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'meeting.cancelled', entityType: 'meeting', entityId: meetingId, organisationId: row.municipalityId, before: auditFacts(row), after: auditFacts(after!) })
    const reason = body.reason?.trim()
    for (const person of await registrantEmails(tx, meetingId)) {
      await enqueueEmail(tx, {
        to: person.email,
        subject: `Geannuleerd: ${after!.title}`,
        text:
          `Beste ${person.name},\n\nDe bijeenkomst "${after!.title}" (${whenText(after!)}) gaat niet door.` +
          (reason ? `\n\nReden: ${reason}` : '') +
          `\n\nMet dit agendabestand (.ics, gemarkeerd als geannuleerd) haalt u de afspraak uit uw agenda:\n${meetingIcsUrl(deps, meetingId)}\n\n${meetingPageUrl(deps, meetingId)}`,
      })
    }
    return meetingAfterWrite(tx, actor, meetingId, now)
  })
}

async function loadRegistrations(deps: MeetingDeps, actor: Actor, meetingId: string): Promise<{ row: MeetingRow; items: Registration[] }> {
  const [row] = await deps.db.select().from(meetings).where(eq(meetings.id, meetingId)).limit(1)
  if (!row) throw meetingErrors.notFound()
  const access = manageAccess(row.status, await municipalityRole(deps.db, actor, row.municipalityId), actor.isPlatformAdmin)
  if (access === 'unknown') throw meetingErrors.notFound()
  if (access === 'forbidden') throw meetingErrors.forbidden('Only admins and challenge managers of the municipality see who registered.')
  const rows = await deps.db
    .select({ name: users.name, enterpriseId: organisations.id, enterpriseName: organisations.name, note: meetingRegistrations.note, registeredAt: meetingRegistrations.registeredAt })
    .from(meetingRegistrations)
    .innerJoin(users, eq(users.id, meetingRegistrations.userId))
    .leftJoin(organisations, eq(organisations.id, meetingRegistrations.enterpriseId))
    .where(eq(meetingRegistrations.meetingId, meetingId))
    .orderBy(asc(meetingRegistrations.registeredAt), asc(users.name))
  return {
    row,
    items: rows.map((r) => ({ name: r.name, enterprise: r.enterpriseId ? { id: r.enterpriseId, name: r.enterpriseName! } : null, note: r.note, registeredAt: r.registeredAt.toISOString() })),
  }
}

export async function listRegistrations(deps: MeetingDeps, actor: Actor, meetingId: string) {
  const { row, items } = await loadRegistrations(deps, actor, meetingId)
  return { meetingId, capacity: row.capacity, items }
}

export async function registrationsCsv(deps: MeetingDeps, actor: Actor, meetingId: string): Promise<{ csv: string; fileName: string }> {
  const { row, items } = await loadRegistrations(deps, actor, meetingId)
  return { csv: registrationsToCsv(items), fileName: `aanmeldingen-${row.startsAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.csv` }
}

// --- registering ---

/** Registers the caller (optionally for one of their enterprises). Idempotent: a second call returns the existing registration with 200. */
export async function register(deps: MeetingDeps, actor: Actor, meetingId: string, body: RegisterBody): Promise<{ created: boolean; meeting: Meeting }> {
  return deps.db.transaction(async (tx) => {
    // The row lock serialises registrations for one meeting: the count below cannot go stale before the insert.
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update')
    if (!row) throw meetingErrors.notFound()
    const role = await municipalityRole(tx, actor, row.municipalityId)
    if (readAccess(row.status, role, actor.isPlatformAdmin) !== 'allowed') throw meetingErrors.notFound()
    const [existing] = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, actor.userId)))
    if (existing) return { created: false, meeting: await meetingAfterWrite(tx, actor, meetingId, deps.now()) }
    const enterpriseId = body.enterpriseId ?? null
    let enterpriseName: string | null = null
    if (enterpriseId !== null) {
      const [membership] = await tx
        .select({ name: organisations.name })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(and(eq(memberships.userId, actor.userId), eq(memberships.organisationId, enterpriseId), eq(organisations.kind, 'enterprise')))
      if (!membership) throw commonProblems.fieldInvalid('/enterpriseId', 'meetings.not_your_enterprise', 'You can only register on behalf of an enterprise you belong to.')
      enterpriseName = membership.name
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, meetingId))
    const now = deps.now()
    const refusal = registrationRefusal(row, n, now)
    if (refusal === 'cancelled') throw meetingErrors.cancelled('This meeting has been cancelled; registration is not possible.')
    if (refusal === 'not_published') throw meetingErrors.notPublished('Registration opens when the meeting is published.')
    if (refusal === 'closed') throw meetingErrors.registrationClosed(`Registration closed at ${registrationDeadline(row).toISOString()}.`)
    if (refusal === 'full') throw meetingErrors.full(`All ${row.capacity} places are taken.`)
    await tx.insert(meetingRegistrations).values({ meetingId, userId: actor.userId, enterpriseId, note: body.note?.trim() ?? '', registeredAt: now })
    const [me] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, actor.userId))
    await enqueueEmail(tx, {
      to: me!.email,
      subject: `Aangemeld: ${row.title}`,
      text:
        `Beste ${me!.name},\n\nU bent aangemeld voor "${row.title}"${enterpriseName ? ` namens ${enterpriseName}` : ''}.\n\nWanneer: ${whenText(row)}\n${whereText(row)}\n\n` +
        `Zet de bijeenkomst in uw agenda met dit agendabestand (.ics):\n${meetingIcsUrl(deps, meetingId)}\n\nAfmelden kan op ${meetingPageUrl(deps, meetingId)}`,
    })
    return { created: true, meeting: await meetingAfterWrite(tx, actor, meetingId, now) }
  })
}

export async function unregister(deps: MeetingDeps, actor: Actor, meetingId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ status: meetings.status, municipalityId: meetings.municipalityId }).from(meetings).where(eq(meetings.id, meetingId)).for('update')
    if (!row || readAccess(row.status, await municipalityRole(tx, actor, row.municipalityId), actor.isPlatformAdmin) !== 'allowed') throw meetingErrors.notFound()
    await tx.delete(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, actor.userId)))
  })
}

/** The meetings the caller registered for, soonest first (past ones included). */
export async function listMyMeetings(deps: MeetingDeps, actor: Actor): Promise<Meeting[]> {
  const ids = (await deps.db.select({ id: meetingRegistrations.meetingId }).from(meetingRegistrations).where(eq(meetingRegistrations.userId, actor.userId))).map((r) => r.id)
  if (ids.length === 0) return []
  const loaded = await loadMeetings(deps.db, inArray(meetings.id, ids))
  return present(deps.db, actor, loaded, deps.now())
}
