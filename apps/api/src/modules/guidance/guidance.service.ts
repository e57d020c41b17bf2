import { and, asc, desc, eq, ne } from 'drizzle-orm'
import type { Database, DbOrTx, Tx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { municipalityRole } from '../challenges/challenges.service'
import { organisations } from '../organisations/organisations.table'
import { guidanceErrors } from './guidance.errors'
import { renderGuidanceMarkdown, type RenderedGuidance } from './guidance.markdown'
import { guidanceAccess, type GuidanceAction } from './guidance.policy'
import type { CreateGuidancePageBody, GuidanceIndex, GuidancePage, GuidancePageSummary, PublicGuidancePage, UpdateGuidancePageBody } from './guidance.schemas'
import { guidancePages, type GuidancePageRow } from './guidance.table'

export interface GuidanceDeps {
  db: Database
  now: () => Date
}

export const toGuidancePage = (row: GuidancePageRow): GuidancePage => ({
  id: row.id,
  municipalityId: row.municipalityId,
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  audience: row.audience,
  language: row.language,
  markdown: row.markdown,
  status: row.status,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
})

const toSummary = (row: GuidancePageRow): GuidancePageSummary => ({
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  audience: row.audience,
  language: row.language,
  publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

/** What the audit log keeps of a page: its identity and state, not its text. */
const auditView = (row: GuidancePageRow) => ({ slug: row.slug, title: row.title, audience: row.audience, language: row.language, status: row.status, version: row.version, markdownLength: row.markdown.length })

async function municipalityBySlug(db: DbOrTx, slug: string) {
  const [municipality] = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, 'municipality')))
  if (!municipality) throw guidanceErrors.municipalityNotFound()
  return municipality
}

/** Public: the published guidance pages of a municipality, newest first. */
export async function listPublishedGuidance(db: DbOrTx, slug: string): Promise<GuidanceIndex> {
  const municipality = await municipalityBySlug(db, slug)
  const rows = await db
    .select()
    .from(guidancePages)
    .where(and(eq(guidancePages.municipalityId, municipality.id), eq(guidancePages.status, 'published')))
    .orderBy(asc(guidancePages.audience), asc(guidancePages.title))
  return { municipality, items: rows.map(toSummary) }
}

/** Public: one published page, rendered. Drafts do not exist for the public. */
export async function getPublishedGuidance(db: DbOrTx, slug: string, pageSlug: string): Promise<PublicGuidancePage> {
  const municipality = await municipalityBySlug(db, slug)
  const [row] = await db
    .select()
    .from(guidancePages)
    .where(and(eq(guidancePages.municipalityId, municipality.id), eq(guidancePages.slug, pageSlug), eq(guidancePages.status, 'published')))
  if (!row) throw guidanceErrors.pageNotFound()
  return { municipality, page: { ...toSummary(row), ...renderGuidanceMarkdown(row.markdown) } }
}

/** The caller's right on the municipality's guidance: 404 when they may not know drafts exist, 403 when they may read but not edit. */
async function authorize(db: DbOrTx, actor: Actor, municipalityId: string, action: GuidanceAction) {
  const [municipality] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, municipalityId))
  const access = municipality?.kind === 'municipality' ? guidanceAccess(await municipalityRole(db, actor, municipalityId), actor.isPlatformAdmin, action) : 'unknown'
  if (access === 'unknown') throw guidanceErrors.municipalityNotFound()
  if (access === 'forbidden') throw guidanceErrors.forbidden('Only admins and challenge managers of the municipality edit its guidance pages.')
}

export async function listGuidanceForStaff(db: DbOrTx, actor: Actor, municipalityId: string): Promise<GuidancePage[]> {
  await authorize(db, actor, municipalityId, 'guidance.read_drafts')
  const rows = await db.select().from(guidancePages).where(eq(guidancePages.municipalityId, municipalityId)).orderBy(desc(guidancePages.updatedAt), asc(guidancePages.id))
  return rows.map(toGuidancePage)
}

async function loadPage(db: DbOrTx, municipalityId: string, pageId: string, lock = false) {
  const query = db.select().from(guidancePages).where(and(eq(guidancePages.id, pageId), eq(guidancePages.municipalityId, municipalityId)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw guidanceErrors.pageNotFound()
  return row
}

export async function getGuidanceForStaff(db: DbOrTx, actor: Actor, municipalityId: string, pageId: string): Promise<GuidancePage> {
  await authorize(db, actor, municipalityId, 'guidance.read_drafts')
  return toGuidancePage(await loadPage(db, municipalityId, pageId))
}

/** Renders Markdown as the page would show it, without saving (the editor's preview). */
export async function previewGuidance(db: DbOrTx, actor: Actor, municipalityId: string, markdown: string): Promise<RenderedGuidance> {
  await authorize(db, actor, municipalityId, 'guidance.edit')
  return renderGuidanceMarkdown(markdown)
}

const slugTaken = () => guidanceErrors.slugTaken('Another page of this municipality already uses this slug.', [{ field: '/slug', code: 'guidance.slug_taken', message: 'Choose another slug: this one is in use.' }])

async function assertSlugFree(tx: Tx, municipalityId: string, slug: string, exceptId?: string) {
  const [other] = await tx
    .select({ id: guidancePages.id })
    .from(guidancePages)
    .where(and(eq(guidancePages.municipalityId, municipalityId), eq(guidancePages.slug, slug), exceptId ? ne(guidancePages.id, exceptId) : undefined))
  if (other) throw slugTaken()
}

/** A unique violation from PostgreSQL or PGlite, possibly wrapped by drizzle: two writers raced for a slug. */
const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: unknown } | null
  return e?.code === '23505' || (e?.cause !== undefined && isUniqueViolation(e.cause))
}

async function raceSafe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken()
    throw error
  }
}

export async function createGuidancePage({ db, now }: GuidanceDeps, actor: Actor, municipalityId: string, body: CreateGuidancePageBody): Promise<GuidancePage> {
  return raceSafe(() =>
    db.transaction(async (tx) => {
      await authorize(tx, actor, municipalityId, 'guidance.edit')
      await assertSlugFree(tx, municipalityId, body.slug)
      const at = now()
      const [row] = await tx
        .insert(guidancePages)
        .values({ municipalityId, slug: body.slug, title: body.title.trim(), summary: body.summary?.trim() ?? '', audience: body.audience, language: body.language ?? 'nl', markdown: body.markdown, updatedBy: actor.userId, createdAt: at, updatedAt: at })
        .returning()
      await recordAudit(tx, { actorId: actor.userId, action: 'guidance.page_created', entityType: 'guidance_page', entityId: row!.id, organisationId: municipalityId, after: auditView(row!) })
      return toGuidancePage(row!)
    }),
  )
}

export async function updateGuidancePage({ db, now }: GuidanceDeps, actor: Actor, municipalityId: string, pageId: string, body: UpdateGuidancePageBody): Promise<GuidancePage> {
  return raceSafe(() =>
    db.transaction(async (tx) => {
      await authorize(tx, actor, municipalityId, 'guidance.edit')
      const before = await loadPage(tx, municipalityId, pageId, true)
      if (before.version !== body.version) throw commonProblems.staleVersion(toGuidancePage(before))
      if (body.slug !== undefined && body.slug !== before.slug) await assertSlugFree(tx, municipalityId, body.slug, pageId)
      if (before.status === 'published' && body.markdown !== undefined && body.markdown.trim() === '') throw emptyMarkdown()
      const { version: _version, ...changes } = body
      const [row] = await tx
        .update(guidancePages)
        .set({
          ...changes,
          ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
          ...(changes.summary !== undefined ? { summary: changes.summary.trim() } : {}),
          updatedBy: actor.userId,
          updatedAt: now(),
          version: before.version + 1,
        })
        .where(eq(guidancePages.id, pageId))
        .returning()
      await recordAudit(tx, { actorId: actor.userId, action: 'guidance.page_updated', entityType: 'guidance_page', entityId: pageId, organisationId: municipalityId, before: auditView(before), after: auditView(row!) })
      return toGuidancePage(row!)
    }),
  )
}

const emptyMarkdown = () => commonProblems.fieldInvalid('/markdown', 'guidance.markdown_empty', 'A published page needs text.')

/** Publishes a draft or takes a published page back to draft (version checked, audited). */
export async function setGuidanceStatus({ db, now }: GuidanceDeps, actor: Actor, municipalityId: string, pageId: string, target: 'published' | 'draft', version: number): Promise<GuidancePage> {
  return db.transaction(async (tx) => {
    await authorize(tx, actor, municipalityId, 'guidance.edit')
    const before = await loadPage(tx, municipalityId, pageId, true)
    if (before.version !== version) throw commonProblems.staleVersion(toGuidancePage(before))
    if (before.status === target) throw guidanceErrors.invalidTransition(target === 'published' ? 'This page is already published.' : 'This page is not published.')
    if (target === 'published' && before.markdown.trim() === '') throw emptyMarkdown()
    const at = now()
    const [row] = await tx
      .update(guidancePages)
      .set({ status: target, publishedAt: target === 'published' ? at : null, updatedBy: actor.userId, updatedAt: at, version: before.version + 1 })
      .where(eq(guidancePages.id, pageId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: target === 'published' ? 'guidance.page_published' : 'guidance.page_unpublished', entityType: 'guidance_page', entityId: pageId, organisationId: municipalityId, before: auditView(before), after: auditView(row!) })
    return toGuidancePage(row!)
  })
}

export async function deleteGuidancePage({ db }: GuidanceDeps, actor: Actor, municipalityId: string, pageId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await authorize(tx, actor, municipalityId, 'guidance.edit')
    const before = await loadPage(tx, municipalityId, pageId, true)
    await tx.delete(guidancePages).where(eq(guidancePages.id, pageId))
    await recordAudit(tx, { actorId: actor.userId, action: 'guidance.page_deleted', entityType: 'guidance_page', entityId: pageId, organisationId: municipalityId, before: auditView(before) })
  })
}
