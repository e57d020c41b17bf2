import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamps } from '../../db/columns'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/** One claim value at the identity provider (a group, an app role) and the Opgave role it grants. */
export interface RoleMappingEntry {
  claimValue: string
  role: 'admin' | 'challenge_manager' | 'account_manager'
}

/** A municipality's OpenID Connect login. The client secret is sealed (AES-GCM, key derived from JWT_SECRET). */
export const ssoConfigs = pgTable('sso_configs', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  issuerUrl: text('issuer_url').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed'),
  scopes: text('scopes').array().notNull().default(sql`'{openid,email,profile}'::text[]`),
  roleClaim: text('role_claim').notNull().default('groups'),
  roleMapping: jsonb('role_mapping').$type<RoleMappingEntry[]>().notNull().default([]),
  allowedDomains: text('allowed_domains').array().notNull().default(sql`'{}'::text[]`),
  enabled: boolean('enabled').notNull().default(false),
  version: integer('version').notNull().default(1),
  ...timestamps(),
})
export type SsoConfigRow = typeof ssoConfigs.$inferSelect

/** Which Opgave user an identity provider's subject is: after the first login, linking no longer depends on the email. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sso_identities_issuer_subject_key').on(t.issuer, t.subject), index('sso_identities_user_idx').on(t.userId)],
)
