import multipart from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import { DocumentMeta, IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { createValidatorCompiler } from '../../plugins/validation'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { documentErrors } from './documents.errors'
import { authorizeDownload, deleteDocument, uploadProposalDocument } from './documents.service'
import type { DocumentStorage } from './documents.storage'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const tags = ['documents']
const paramsCompiler = createValidatorCompiler()

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name; quotes and separators cannot break out. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

const isTooLarge = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE'

export async function documentRoutes(app: App, opts: { now: () => Date; storage: DocumentStorage }) {
  const deps = { db: app.db, now: opts.now, storage: opts.storage }

  // Uploads in their own context: only here is multipart parsed, with a hard size limit and one file.
  await app.register(async (uploads: App) => {
    // preservePath: see the client's name as sent, so a name with path parts is refused instead of silently cut.
    await uploads.register(multipart, { preservePath: true, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1, fieldNameSize: 100, headerPairs: 50 } })
    uploads.addHook('onRequest', uploads.authenticate)
    uploads.post(
      '/proposals/:proposalId/documents',
      {
        // The body is a multipart stream, not JSON: skip schema validation of it (params are still validated).
        validatorCompiler: ({ schema, method, url, httpPart }) => (httpPart === 'body' ? () => true : paramsCompiler({ schema, method, url, httpPart })),
        schema: {
          tags,
          operationId: 'uploadProposalDocument',
          summary: 'Upload a document to a proposal (multipart/form-data, one field "file"; PDF, DOCX, XLSX, PNG or JPEG by content; at most 10 MiB)',
          description:
            'Lead and accepted partners, while the proposal is editable and before the deadline. The same file sent again by the same person ' +
            '(same bytes, same name) is stored once: the answer is then 200 with the document already there and `Idempotent-Replayed: true`, ' +
            'so a retried upload whose first answer was lost leaves no second copy.',
          security: bearerAuth,
          consumes: ['multipart/form-data'],
          params: IdParams('proposalId'),
          // Documents the form for the OpenAPI contract; the stream itself is read and checked in the handler.
          body: Type.Object({ file: Type.String({ format: 'binary', description: 'The file; its type is decided from its bytes' }) }, { required: ['file'] }),
          response: { 200: DocumentMeta, 201: DocumentMeta, ...problemResponses(401, 403, 404, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request)
        if (!request.isMultipart()) throw documentErrors.missingFile('Send the file as multipart/form-data.')
        let file
        let bytes: Buffer
        try {
          file = await request.file()
          if (!file || file.fieldname !== 'file') throw documentErrors.missingFile()
          bytes = await file.toBuffer()
        } catch (error) {
          if (isTooLarge(error)) throw documentErrors.tooLarge(`Files are at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`)
          throw error
        }
        if (bytes.length === 0) throw documentErrors.missingFile('The file is empty.')
        const { document, created } = await uploadProposalDocument(deps, actor, request.params.proposalId, { filename: file.filename, bytes })
        if (!created) reply.header('idempotent-replayed', 'true')
        return reply.status(created ? 201 : 200).send(document)
      },
    )
  })

  app.get(
    '/documents/:documentId',
    {
      onRequest: app.identify,
      schema: {
        tags,
        operationId: 'downloadDocument',
        summary: 'Download a document (always as an attachment)',
        description: 'Proposal documents: members of the lead and partners; municipality staff only after the submission deadline. Challenge documents: whoever may see the challenge.',
        security: bearerAuth,
        params: IdParams('documentId'),
        response: { 200: Type.Unknown({ description: 'The file' }), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const doc = await authorizeDownload(deps, request.actor, request.params.documentId)
      return reply
        .header('content-type', doc.mediaType)
        .header('content-length', String(doc.sizeBytes))
        .header('content-disposition', contentDisposition(doc.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(opts.storage.read(doc.storageKey))
    },
  )

  app.delete(
    '/documents/:documentId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'deleteDocument',
        summary: 'Remove a document from a proposal (lead and accepted partners, while editable and before the deadline)',
        security: bearerAuth,
        params: IdParams('documentId'),
        response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteDocument(deps, requireActor(request), request.params.documentId)
      return reply.status(204).send(null)
    },
  )
}
