import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core'
import { proposals } from '../proposals/proposals.table'
import { users } from '../users/users.table'

/**
 * Whether a winning enterprise agreed to appear in the public showcase ("inspirerende voorbeelden").
 * No row means no consent. Every change is also in the audit log (showcase.consent_given/withdrawn).
 */
export const showcaseConsents = pgTable('showcase_consents', {
  proposalId: uuid('proposal_id')
    .primaryKey()
    .references(() => proposals.id, { onDelete: 'cascade' }),
  consented: boolean('consented').notNull(),
  changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
})
