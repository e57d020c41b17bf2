import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from '../../db/columns'
import { challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { users } from '../users/users.table'

/**
 * A meeting a municipality announces: matchmaking of SMEs and social enterprises, an information session
 * for one challenge, a pitch day. Public once published; entrepreneurs register for it and download an .ics.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    municipalityId: uuid('municipality_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    /** Set for an information session about one challenge; null for a general meeting. */
    challengeId: uuid('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['matchmaking', 'information_session', 'pitch_day', 'other'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** A street address, or null for an online meeting. */
    location: text('location'),
    onlineUrl: text('online_url'),
    /** Null: no limit. Registrations beyond it are refused (no waiting list). */
    capacity: integer('capacity'),
    /** Registration closes at this moment (server clock); null means at the start. */
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    status: text('status', { enum: ['draft', 'published', 'cancelled'] }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Bumped on every change: the .ics SEQUENCE and the optimistic-concurrency check of edits. */
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index('meetings_municipality_starts_idx').on(t.municipalityId, t.startsAt),
    index('meetings_published_starts_idx').on(t.startsAt).where(sql`${t.status} = 'published'`),
  ],
)
export type MeetingRow = typeof meetings.$inferSelect

/** One person registered for a meeting, optionally on behalf of their enterprise. */
export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** Free text such as dietary needs or accessibility requirements; only the organisers see it. */
    note: text('note').notNull().default(''),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_registrations_user_idx').on(t.userId)],
)
export type MeetingRegistrationRow = typeof meetingRegistrations.$inferSelect
