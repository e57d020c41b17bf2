import { and, eq } from 'drizzle-orm'
import type { Database } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { documents } from '../documents/documents.table'
import { juryErrors } from './jury.errors'
import { blindFor } from './jury-round-proposals'
import { jurorProposal } from './jury-scorecards.service'

/**
 * A document of the submitted version, for a juror assigned to the proposal. Only files listed in
 * the submission snapshot with the same hash are served: what the jury reads is what was submitted.
 * In a blind round the file name (which often names the company) is replaced by a neutral one.
 */
export async function jurorDocument(db: Database, actor: Actor, roundId: string, proposalId: string, documentId: string) {
  const { round, member, proposal } = await jurorProposal(db, actor, roundId, proposalId)
  const listed = proposal.snapshot?.documents ?? []
  const index = listed.findIndex((d) => d.id === documentId)
  const [doc] = await db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.ownerType, 'proposal'), eq(documents.ownerId, proposalId)))
  if (index < 0 || !doc || doc.sha256 !== listed[index]!.sha256) throw juryErrors.notFound('No such document in the submitted proposal.')
  const extension = doc.originalName.includes('.') ? doc.originalName.slice(doc.originalName.lastIndexOf('.') + 1).replace(/[^A-Za-z0-9]/g, '') : 'bin'
  const name = blindFor(round, member) ? `document-${index + 1}.${extension}` : doc.originalName
  return { storageKey: doc.storageKey, mediaType: doc.mediaType, sizeBytes: doc.sizeBytes, name }
}
