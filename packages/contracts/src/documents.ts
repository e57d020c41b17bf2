import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Uuid } from './common'

/** Media types a document may have; decided by the server from the file's bytes. */
export const DocumentMediaType = Type.Union([
  Type.Literal('application/pdf'),
  Type.Literal('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  Type.Literal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  Type.Literal('image/png'),
  Type.Literal('image/jpeg'),
])

/** Metadata of an uploaded file; the bytes are fetched from `GET /documents/{documentId}`. */
export const DocumentMeta = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'Original file name (sanitised), used only for the download name' }),
  mediaType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ description: 'Hex SHA-256 of the bytes; part of a proposal receipt hash' }),
  uploadedAt: DateTime,
})
export type DocumentMeta = Static<typeof DocumentMeta>
