import { pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, timestamps } from '../../db/columns'
import { users } from '../users/users.table'

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    kind: text('kind', { enum: ['municipality', 'enterprise'] }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    kvkNumber: text('kvk_number'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('organisations_slug_key').on(t.slug)],
)
export type OrganisationRow = typeof organisations.$inferSelect

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'challenge_manager', 'account_manager', 'owner', 'member'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamps().updatedAt,
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
)
export type MembershipRow = typeof memberships.$inferSelect
