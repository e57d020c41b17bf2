import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../../db/columns'
import { users } from '../users/users.table'

/**
 * Uploaded files of challenges and proposals. Stored on disk (or elsewhere later) under a generated
 * name; the original name is kept only for Content-Disposition. Type is decided by content, not extension.
 */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    ownerType: text('owner_type', { enum: ['challenge', 'proposal'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    originalName: text('original_name').notNull(),
    storageKey: text('storage_key').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('documents_owner_idx').on(t.ownerType, t.ownerId)],
)
export type DocumentRow = typeof documents.$inferSelect
