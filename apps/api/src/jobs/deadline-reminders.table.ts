import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from '../db/columns'
import { challenges } from '../modules/challenges/challenges.table'
import { users } from '../modules/users/users.table'

/**
 * One row per reminder sent: the primary key is what makes "48 hours before a deadline, once per person"
 * hold when several instances (or a retried job) scan at the same moment. A moved deadline is a new
 * deadline and earns a new reminder.
 */
export const deadlineReminders = pgTable(
  'deadline_reminders',
  {
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['questions', 'submission'] }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.kind, t.deadline, t.userId] })],
)
