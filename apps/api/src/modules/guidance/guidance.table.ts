import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from '../../db/columns'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/**
 * A guidance page a municipality publishes, written in Markdown: a pocket guide for civil servants, a route
 * map for entrepreneurs. The Markdown is stored as written and rendered to safe HTML (no raw HTML) on read.
 */
export const guidancePages = pgTable(
  'guidance_pages',
  {
    id: id(),
    municipalityId: uuid('municipality_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    /** URL name, unique within the municipality: /gemeenten/<municipality>/gids/<slug>. */
    slug: text('slug').notNull(),
    audience: text('audience', { enum: ['entrepreneurs', 'civil_servants', 'everyone'] }).notNull(),
    /** The language the page is written in; pages are not translated automatically. */
    language: text('language', { enum: ['nl', 'en'] }).notNull().default('nl'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    markdown: text('markdown').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('guidance_pages_municipality_slug_key').on(t.municipalityId, t.slug),
    index('guidance_pages_published_idx').on(t.municipalityId).where(sql`${t.status} = 'published'`),
  ],
)
export type GuidancePageRow = typeof guidancePages.$inferSelect
