import { createHash } from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import type { DocumentMeta } from '@opgave/contracts'
import { allowedDocumentTypes, checkDocumentName, detectDocumentType, displayDocumentName } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { isChallengePublic, isStaffOfChallenge } from '../challenges/challenges.service'
import { challenges } from '../challenges/challenges.table'
import { assertTransition, lockProposalForWrite, resolveProposalAccess } from '../proposals/proposals.access'
import { proposalErrors } from '../proposals/proposals.errors'
import { proposals } from '../proposals/proposals.table'
import { latestSubmission } from '../proposals/proposals.view'
import { documentErrors } from './documents.errors'
import type { DocumentStorage } from './documents.storage'
import { documents, type DocumentRow } from './documents.table'

export const MAX_DOCUMENTS_PER_PROPOSAL = 20

export interface DocumentDeps {
  db: Database
  now: () => Date
  storage: DocumentStorage
}

const toMeta = (d: DocumentRow): DocumentMeta => ({ id: d.id, name: d.originalName, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.createdAt.toISOString() })

const NAME_MESSAGES = {
  empty: 'The file needs a name.',
  path: 'File names may not contain path parts such as "/", "\\" or "..".',
  control: 'File names may not contain control characters.',
  too_long: 'File names are at most 200 characters.',
} as const

/** What an upload did: stored a new document, or found this very file already there (a retry). */
export interface UploadOutcome {
  document: DocumentMeta
  created: boolean
}

/** The same bytes under the same name from the same person on the same proposal: one document. */
interface UploadFingerprint {
  name: string
  sha256: string
  uploadedBy: string
}

/**
 * Checks the bytes (type by content), writes them under a generated key, then records them in a
 * transaction that re-checks access and the deadline with the proposal locked. If that refuses,
 * the written file is removed again. Sending the same file again (same bytes, same name, same
 * uploader) answers the stored document instead of storing it twice: a retried upload whose first
 * answer was lost must not leave two copies, and multipart bodies cannot use Idempotency-Key.
 */
export async function uploadProposalDocument({ db, now, storage }: DocumentDeps, actor: Actor, proposalId: string, file: { filename: string; bytes: Buffer }): Promise<UploadOutcome> {
  const nameProblem = checkDocumentName(file.filename)
  if (nameProblem) throw documentErrors.invalidName(NAME_MESSAGES[nameProblem], [{ field: '/file', code: `documents.name_${nameProblem}`, message: NAME_MESSAGES[nameProblem] }])
  const type = detectDocumentType(file.bytes)
  if (!type) throw documentErrors.unsupportedType('Upload a PDF, DOCX, XLSX, PNG or JPEG file. The type is read from the file’s content, not its name.', [{ field: '/file', code: 'documents.unsupported_type', message: 'Not a PDF, DOCX, XLSX, PNG or JPEG file.' }])
  const fingerprint: UploadFingerprint = { name: displayDocumentName(file.filename, type), sha256: createHash('sha256').update(file.bytes).digest('hex'), uploadedBy: actor.userId }
  // Refuse early (before writing to disk) what the transaction would refuse anyway.
  const early = await db.transaction(async (tx) => authorizeUpload(tx, actor, proposalId, now(), fingerprint))
  if (early.existing) return { document: toMeta(early.existing), created: false }
  const storageKey = await storage.put(file.bytes)
  try {
    const outcome = await db.transaction(async (tx): Promise<UploadOutcome> => {
      const { proposal, existing } = await authorizeUpload(tx, actor, proposalId, now(), fingerprint)
      // A concurrent copy of this upload committed first (the proposal lock orders them).
      if (existing) return { document: toMeta(existing), created: false }
      const [row] = await tx
        .insert(documents)
        .values({ ownerType: 'proposal', ownerId: proposalId, originalName: fingerprint.name, storageKey, mediaType: allowedDocumentTypes[type].mediaType, sizeBytes: file.bytes.length, sha256: fingerprint.sha256, uploadedBy: actor.userId, createdAt: now() })
        .returning()
      await tx.update(proposals).set({ updatedAt: now() }).where(eq(proposals.id, proposalId))
      await recordAudit(tx, { actorId: actor.userId, action: 'proposal.document_added', entityType: 'document', entityId: row!.id, organisationId: proposal.leadEnterpriseId, after: { ...toMeta(row!), proposalId } })
      return { document: toMeta(row!), created: true }
    })
    if (!outcome.created) await storage.remove(storageKey)
    return outcome
  } catch (error) {
    await storage.remove(storageKey)
    throw error
  }
}

async function authorizeUpload(tx: DbOrTx, actor: Actor, proposalId: string, at: Date, fingerprint: UploadFingerprint) {
  const locked = await lockProposalForWrite(tx, actor, proposalId, at)
  if (locked.access !== 'lead' && locked.access !== 'partner') throw proposalErrors.forbidden('Only members of the lead and of accepted partners add documents.')
  assertTransition(locked.proposal, locked.challenge, 'edit', at)
  // Before the count: a retry of an upload that filled the last place is still answered with that document.
  const [existing] = await tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.ownerType, 'proposal'),
        eq(documents.ownerId, proposalId),
        eq(documents.sha256, fingerprint.sha256),
        eq(documents.originalName, fingerprint.name),
        eq(documents.uploadedBy, fingerprint.uploadedBy),
      ),
    )
    .limit(1)
  if (existing) return { ...locked, existing }
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(documents).where(and(eq(documents.ownerType, 'proposal'), eq(documents.ownerId, proposalId)))
  if (n >= MAX_DOCUMENTS_PER_PROPOSAL) throw proposalErrors.tooManyDocuments(`A proposal holds at most ${MAX_DOCUMENTS_PER_PROPOSAL} documents.`)
  return { ...locked, existing: undefined }
}

export async function deleteDocument({ db, now, storage }: DocumentDeps, actor: Actor, documentId: string): Promise<void> {
  const storageKey = await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).limit(1)
    if (!doc || doc.ownerType !== 'proposal') throw documentErrors.notFound()
    const at = now()
    const { proposal, challenge, access } = await lockProposalForWrite(tx, actor, doc.ownerId, at).catch((error: unknown) => {
      // The document's proposal being invisible means the document is too.
      if (error instanceof Error && 'code' in error && error.code === 'proposals.not_found') throw documentErrors.notFound()
      throw error
    })
    if (access !== 'lead' && access !== 'partner') throw proposalErrors.forbidden('Only members of the lead and of accepted partners remove documents.')
    assertTransition(proposal, challenge, 'edit', at)
    await tx.delete(documents).where(eq(documents.id, documentId))
    await tx.update(proposals).set({ updatedAt: at }).where(eq(proposals.id, proposal.id))
    await recordAudit(tx, { actorId: actor.userId, action: 'proposal.document_removed', entityType: 'document', entityId: documentId, organisationId: proposal.leadEnterpriseId, before: { ...toMeta(doc), proposalId: proposal.id } })
    return doc.storageKey
  })
  // After commit: a failed removal leaves an orphan file, never a row pointing at nothing.
  await storage.remove(storageKey)
}

/**
 * Object by object: a proposal's files are for its lead and partners, and for the municipality's
 * staff only after the deadline and only as part of the latest submission. Challenge files follow
 * the challenge's visibility. Everything else is 404.
 */
export async function authorizeDownload({ db, now }: Pick<DocumentDeps, 'db' | 'now'>, actor: Actor | null, documentId: string): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId)).limit(1)
  if (!doc) throw documentErrors.notFound()
  if (doc.ownerType === 'challenge') {
    const [challenge] = await db.select().from(challenges).where(eq(challenges.id, doc.ownerId))
    if (challenge && (isChallengePublic(challenge) || (await isStaffOfChallenge(db, actor, challenge)))) return doc
    throw documentErrors.notFound()
  }
  if (!actor) throw documentErrors.notFound()
  const [proposal] = await db.select().from(proposals).where(eq(proposals.id, doc.ownerId))
  const [challenge] = proposal ? await db.select().from(challenges).where(eq(challenges.id, proposal.challengeId)) : []
  if (!proposal || !challenge) throw documentErrors.notFound()
  const resolved = await resolveProposalAccess(db, actor, proposal, challenge, now())
  if (!resolved) throw documentErrors.notFound()
  if (resolved.access === 'staff') {
    const submission = await latestSubmission(db, proposal.id)
    if (!submission?.snapshot.documents.some((d) => d.id === doc.id)) throw documentErrors.notFound()
  }
  return doc
}
