import { sql } from 'drizzle-orm'
import { boolean, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, timestamps, updatedAt } from '../../db/columns'
import { users } from '../users/users.table'

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    kind: text('kind', { enum: ['municipality', 'enterprise'] }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    kvkNumber: text('kvk_number'),
    // Enterprise profile (null/empty for municipalities).
    legalForm: text('legal_form'),
    isSocialEnterprise: boolean('is_social_enterprise').notNull().default(false),
    /** Declared share (0–100 %) of staff with a distance to the labour market; ≥ 30 qualifies under Art. 2.82. */
    distanceToLabourMarketPercent: integer('distance_to_labour_market_percent'),
    sdgGoals: integer('sdg_goals').array().notNull().default(sql`'{}'::integer[]`),
    region: text('region'),
    lookingForPartners: boolean('looking_for_partners').notNull().default(false),
    website: text('website'),
    description: text('description').notNull().default(''),
    /** Municipalities: the licence of their open data (see modules/open-data); CC0 unless they chose CC BY. */
    openDataLicence: text('open_data_licence', { enum: ['CC0-1.0', 'CC-BY-4.0'] }).notNull().default('CC0-1.0'),
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
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
)
export type MembershipRow = typeof memberships.$inferSelect
