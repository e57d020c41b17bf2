import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, timestamps } from '../../db/columns'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/**
 * A municipality's named contact for an enterprise ("account management"): one account manager
 * per municipality and enterprise, so the enterprise is never sent from pillar to post.
 */
export const accountManagerAssignments = pgTable(
  'account_manager_assignments',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamps().updatedAt,
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.enterpriseId] }), index('account_manager_assignments_user_idx').on(t.userId)],
)
export type AccountManagerAssignmentRow = typeof accountManagerAssignments.$inferSelect

/** The public "routekaart": who at the municipality to contact for which theme or SDG. */
export const routekaartEntries = pgTable(
  'routekaart_entries',
  {
    id: id(),
    municipalityId: uuid('municipality_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    theme: text('theme').notNull(),
    sdgGoals: integer('sdg_goals').array().notNull().default(sql`'{}'::integer[]`),
    contactName: text('contact_name').notNull(),
    roleOrDepartment: text('role_or_department').notNull(),
    email: text('email'),
    phone: text('phone'),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [index('routekaart_entries_municipality_idx').on(t.municipalityId, t.position)],
)
export type RoutekaartEntryRow = typeof routekaartEntries.$inferSelect
