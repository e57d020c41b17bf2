import type { TestContext } from '../../../test/test-app'
import { meetings } from './meetings.table'

const DAY = 86_400_000
let counter = 0

/** Test-only: a meeting of the municipality, a week after the test clock, inserted directly. Returns `{ meetingId }` for matrix rows. */
export async function freshMeeting(ctx: TestContext, municipalityId: string, status: 'draft' | 'published' | 'cancelled' = 'published'): Promise<{ meetingId: string }> {
  const now = ctx.clock.now.getTime()
  const [row] = await ctx.database.db
    .insert(meetings)
    .values({
      municipalityId,
      kind: 'matchmaking',
      title: `Verse bijeenkomst ${++counter}`,
      startsAt: new Date(now + 7 * DAY),
      endsAt: new Date(now + 7 * DAY + 7_200_000),
      location: 'Stadhuis',
      status,
      publishedAt: status === 'draft' ? null : new Date(now - DAY),
      cancelledAt: status === 'cancelled' ? new Date(now) : null,
    })
    .returning({ id: meetings.id })
  return { meetingId: row!.id }
}
