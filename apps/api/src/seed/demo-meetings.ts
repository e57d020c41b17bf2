import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challenges } from '../modules/challenges/challenges.table'
import { meetingRegistrations, meetings } from '../modules/meetings/meetings.table'
import { organisations } from '../modules/organisations/organisations.table'
import { users } from '../modules/users/users.table'

const DAY = 86_400_000

/** `days` after `now`, at `hour`:`minute` UTC on that day: readable times that still follow the seed's clock. */
const dayAt = (now: Date, days: number, hour: number, minute = 0) => {
  const d = new Date(now.getTime() + days * DAY)
  d.setUTCHours(hour, minute, 0, 0)
  return d
}

export const DEMO_MATCHMAKING_TITLE = 'Mkb ontmoet sociaal ondernemers'

/**
 * Two published, upcoming meetings of Gemeente Voorbeeldstad: a matchmaking evening of SMEs and social
 * enterprises (GroenWerkt's owner registered) and an information session about the open challenge on
 * energy poverty. Skips everything when the municipality or its challenge manager is missing.
 */
export async function seedDemoMeetings(tx: DbOrTx, { now }: { now: Date }): Promise<void> {
  const [municipality] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'voorbeeldstad'))
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'opgaven@voorbeeldstad.nl'))
  if (!municipality || !manager) return
  const [challenge] = await tx.select({ id: challenges.id }).from(challenges).where(and(eq(challenges.municipalityId, municipality.id), eq(challenges.slug, 'energiearmoede-aanpakken')))
  const published = new Date(now.getTime() - 2 * DAY)
  const rows = await tx
    .insert(meetings)
    .values([
      {
        municipalityId: municipality.id,
        kind: 'matchmaking',
        title: DEMO_MATCHMAKING_TITLE,
        description:
          'Een avond om elkaar te leren kennen: mkb-bedrijven en sociaal ondernemers uit Voorbeeldstad zoeken samen naar kansen om op te trekken bij opgaven van de gemeente. Met korte pitches, speeddates en een borrel.',
        startsAt: dayAt(now, 14, 16),
        endsAt: dayAt(now, 14, 19),
        location: 'Stadhuis Voorbeeldstad, Raadzaal, Markt 1',
        capacity: 40,
        registrationClosesAt: dayAt(now, 12, 22),
        status: 'published',
        publishedAt: published,
        createdBy: manager.id,
        createdAt: published,
        updatedAt: published,
      },
      {
        municipalityId: municipality.id,
        challengeId: challenge?.id ?? null,
        kind: 'information_session',
        title: 'Informatiebijeenkomst: Energiearmoede aanpakken in huurwoningen',
        description: 'Het opgaventeam licht de opgave toe en beantwoordt vragen. Vragen en antwoorden komen daarna ook in de nota van inlichtingen, zodat iedereen dezelfde informatie heeft.',
        startsAt: dayAt(now, 7, 14),
        endsAt: dayAt(now, 7, 15, 30),
        onlineUrl: 'https://meet.voorbeeldstad.example/energiearmoede',
        capacity: 25,
        status: 'published',
        publishedAt: published,
        createdBy: manager.id,
        createdAt: published,
        updatedAt: published,
      },
    ])
    .returning({ id: meetings.id })
  const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'eigenaar@groenwerkt.nl'))
  const [groenwerkt] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'groenwerkt'))
  if (owner) {
    await tx.insert(meetingRegistrations).values({ meetingId: rows[0]!.id, userId: owner.id, enterpriseId: groenwerkt?.id ?? null, note: 'Graag een vegetarische maaltijd.', registeredAt: new Date(now.getTime() - DAY) })
  }
  for (const row of rows) await recordAudit(tx, { actorId: manager.id, action: 'meeting.seeded', entityType: 'meeting', entityId: row.id, organisationId: municipality.id, after: { status: 'published' } })
}
