import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challenges } from '../modules/challenges/challenges.table'
import { organisations } from '../modules/organisations/organisations.table'
import { buildSnapshot, snapshotHash } from '../modules/proposals/proposals.service'
import { proposals, proposalSubmissions } from '../modules/proposals/proposals.table'
import { users } from '../modules/users/users.table'

/**
 * Demo proposals on the demo challenges, when those exist: GroenWerkt has submitted one (with a
 * real receipt hash), Bouwbedrijf De Vries has a draft in progress. Skips whatever is missing.
 */
export async function seedDemoProposals(tx: DbOrTx, { now }: { now: Date }): Promise<void> {
  const orgs = await tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, ['groenwerkt', 'bouwbedrijf-de-vries']))
  const people = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['eigenaar@groenwerkt.nl', 'eigenaar@bouwbedrijf-devries.nl']))
  const org = (slug: string) => orgs.find((o) => o.slug === slug)?.id
  const person = (email: string) => people.find((p) => p.email === email)?.id
  const challenge = async (slug: string) => {
    const [row] = await tx.select().from(challenges).where(and(eq(challenges.slug, slug), eq(challenges.status, 'published')))
    return row && row.submissionDeadline && row.submissionDeadline > now ? row : undefined
  }

  const loneliness = await challenge('eenzaamheid-onder-ouderen')
  const groenwerkt = org('groenwerkt')
  const gert = person('eigenaar@groenwerkt.nl')
  if (loneliness && groenwerkt && gert) {
    const [row] = await tx
      .insert(proposals)
      .values({
        challengeId: loneliness.id,
        leadEnterpriseId: groenwerkt,
        status: 'submitted',
        title: 'Buurtkamers met koffie en klusjes',
        summary: 'In drie wijken openen we buurtkamers waar ouderen elkaar ontmoeten en waar werkzoekenden als gastheer of gastvrouw werkervaring opdoen.',
        approach: 'We huren leegstaande winkelruimtes, werken samen met de wijkteams en organiseren elke werkdag een open inloop met een vast programma.',
        team: 'Twee projectleiders van GroenWerkt, zes gastvrouwen en -heren met een afstand tot de arbeidsmarkt, vrijwilligers uit de wijk.',
        requestedBudgetCents: 9_500_000,
        plannedImpact: [
          { sdgTarget: '3.4', indicators: [{ name: 'Ouderen die wekelijks deelnemen', baseline: 0, target: 200, unit: 'personen' }] },
          { sdgTarget: '10.2', indicators: [{ name: 'Werkervaringsplekken', baseline: 0, target: 6, unit: 'plekken' }] },
        ],
        socialReturn: { hours: 4800, jobs: 6, targetGroup: 'Mensen met een afstand tot de arbeidsmarkt uit de wijk' },
        version: 4,
        createdBy: gert,
        createdAt: new Date(now.getTime() - 3 * 86_400_000),
        updatedAt: new Date(now.getTime() - 86_400_000),
      })
      .returning()
    const submittedAt = new Date(now.getTime() - 86_400_000)
    const snapshot = await buildSnapshot(tx, row!, submittedAt)
    const contentHash = snapshotHash(snapshot)
    await tx.insert(proposalSubmissions).values({ proposalId: row!.id, submittedAt, contentHash, snapshot, submittedBy: gert })
    await recordAudit(tx, { actorId: gert, action: 'proposal.seeded', entityType: 'proposal', entityId: row!.id, organisationId: groenwerkt, after: { status: 'submitted', contentHash } })
  }

  const energy = await challenge('energiearmoede-aanpakken')
  const devries = org('bouwbedrijf-de-vries')
  const daan = person('eigenaar@bouwbedrijf-devries.nl')
  if (energy && devries && daan) {
    const [row] = await tx
      .insert(proposals)
      .values({
        challengeId: energy.id,
        leadEnterpriseId: devries,
        title: 'Energiefixers uit de buurt',
        summary: 'Wij leiden werkzoekenden op tot energiefixer; zij plaatsen tochtstrips, radiatorfolie en ledlampen bij huurders.',
        approach: '',
        team: '',
        plannedImpact: [{ sdgTarget: '7.3', indicators: [{ name: 'Huishoudens met een energiescan', baseline: 0, target: 1000, unit: 'huishoudens' }] }],
        version: 2,
        createdBy: daan,
        createdAt: new Date(now.getTime() - 2 * 86_400_000),
        updatedAt: new Date(now.getTime() - 2 * 86_400_000),
      })
      .returning()
    await recordAudit(tx, { actorId: daan, action: 'proposal.seeded', entityType: 'proposal', entityId: row!.id, organisationId: devries, after: { status: 'draft' } })
  }
}
