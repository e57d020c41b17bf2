import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row per Idempotency-Key a caller used on a creating POST. The row is written in the same
 * transaction as the work it guards, together with the response, so after a crash either both exist
 * or neither does: a retry then replays the stored answer or does the work once.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The user id, or 'anonymous'. Keys are scoped per caller: someone else's key is never replayed to you. */
    callerId: text('caller_id').notNull(),
    key: text('key').notNull(),
    /** 'POST /api/v1/challenges/:challengeId/questions': the same key on another operation is a misuse (422). */
    operation: text('operation').notNull(),
    /** sha256 of the path parameters and the body: the same key with another request is a misuse (422). */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.callerId, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
)
