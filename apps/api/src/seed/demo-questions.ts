import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challenges } from '../modules/challenges/challenges.table'
import { accountManagerAssignments, routekaartEntries } from '../modules/enterprises/enterprises.table'
import { organisations } from '../modules/organisations/organisations.table'
import { notaVersions, questions } from '../modules/questions/questions.table'
import { users } from '../modules/users/users.table'

const DAY = 86_400_000

interface DemoQuestion {
  challenge: string
  asker: string
  enterprise: string
  text: string
  publicText?: string
  answer?: string
  /** Published in this nota version (1-based), numbered in the order listed. */
  notaVersion?: number
  askedDaysAgo: number
}

const QUESTIONS: DemoQuestion[] = [
  {
    challenge: 'eenzaamheid-onder-ouderen',
    asker: 'medewerker@groenwerkt.nl',
    enterprise: 'groenwerkt',
    text: 'Wij werken al samen met wijkteam Oost. Mogen wij hen als partner in ons voorstel opnemen?',
    publicText: 'Mag een wijkteam als partner in een voorstel worden opgenomen?',
    answer: 'Ja. Wijkteams mogen als partner meedoen, zolang de penvoerder een onderneming is die op het platform is geregistreerd.',
    notaVersion: 1,
    askedDaysAgo: 6,
  },
  {
    challenge: 'eenzaamheid-onder-ouderen',
    asker: 'eigenaar@bouwbedrijf-devries.nl',
    enterprise: 'bouwbedrijf-de-vries',
    text: 'Valt het verbouwen van een leegstaande winkel tot buurtkamer binnen het budget?',
    answer: 'Ja, verbouwingskosten mogen tot maximaal 30% van het gevraagde budget beslaan.',
    notaVersion: 1,
    askedDaysAgo: 5,
  },
  {
    challenge: 'eenzaamheid-onder-ouderen',
    asker: 'eigenaar@groenwerkt.nl',
    enterprise: 'groenwerkt',
    text: 'Hoe wordt de daling van eenzaamheid gemeten: met de GGD-monitor of met een eigen meting?',
    answer: 'Met de GGD-monitor als basis; een eigen aanvullende meting is welkom.',
    notaVersion: 2,
    askedDaysAgo: 3,
  },
  {
    challenge: 'eenzaamheid-onder-ouderen',
    asker: 'eigenaar@groenwerkt.nl',
    enterprise: 'groenwerkt',
    text: 'Mogen vrijwilligers meetellen voor de social return?',
    answer: 'Nee, alleen betaalde uren van mensen met een afstand tot de arbeidsmarkt tellen mee.',
    askedDaysAgo: 2,
  },
  {
    challenge: 'eenzaamheid-onder-ouderen',
    asker: 'eigenaar@bouwbedrijf-devries.nl',
    enterprise: 'bouwbedrijf-de-vries',
    text: 'Is er een voorkeur voor bepaalde wijken naast Oost en Kanaleneiland-Zuid?',
    askedDaysAgo: 1,
  },
  {
    challenge: 'circulair-afval',
    asker: 'eigenaar@groenwerkt.nl',
    enterprise: 'groenwerkt',
    text: 'Mag het ingezamelde textiel ook buiten Voorbeeldstad worden verwerkt?',
    answer: 'Ja, mits de verwerking aantoonbaar hoogwaardig is (hergebruik vóór recycling).',
    notaVersion: 1,
    askedDaysAgo: 8,
  },
]

const ROUTEKAART = [
  {
    theme: 'Werk en inkomen',
    sdgGoals: [1, 8],
    contactName: 'Aisha Accountmanager',
    roleOrDepartment: 'Accountmanager sociaal ondernemen, Werkgeversservicepunt',
    email: 'accountmanager@voorbeeldstad.nl',
    phone: '14 020',
    description: 'Eerste aanspreekpunt voor sociaal ondernemers: subsidies, loonkostensubsidie, inkoop met social return.',
  },
  {
    theme: 'Inkoop en aanbesteden',
    sdgGoals: [8, 12],
    contactName: 'Ingrid Inkoop',
    roleOrDepartment: 'Team Inkoop',
    email: 'inkoop@voorbeeldstad.nl',
    phone: null,
    description: 'Vragen over voorbehouden opdrachten (art. 2.82), social return en hoe u leverancier van de gemeente wordt.',
  },
  {
    theme: 'Duurzaamheid en energie',
    sdgGoals: [7, 11, 13],
    contactName: 'Dirk Duurzaam',
    roleOrDepartment: 'Programma Energietransitie',
    email: 'duurzaam@voorbeeldstad.nl',
    phone: null,
    description: 'Energiearmoede, isolatie en lokale energie-initiatieven.',
  },
  {
    theme: 'Zorg en welzijn',
    sdgGoals: [3, 10],
    contactName: 'Wendy Welzijn',
    roleOrDepartment: 'Sociaal domein, team Wijkaanpak',
    email: null,
    phone: '+31 30 123 4567',
    description: 'Eenzaamheid, ontmoeting in de wijk en samenwerking met wijkteams.',
  },
]

/**
 * Demo data for profiles, account management, the routekaart and the nota van inlichtingen.
 * Runs inside the demo seed's transaction, after the challenges; skips whatever is missing.
 */
export async function seedDemoQuestions(tx: DbOrTx, { now }: { now: Date }): Promise<void> {
  const orgs = await tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, ['voorbeeldstad', 'groenwerkt', 'bouwbedrijf-de-vries']))
  const org = (slug: string) => orgs.find((o) => o.slug === slug)?.id
  const people = await tx.select({ id: users.id, email: users.email }).from(users)
  const person = (email: string) => people.find((p) => p.email === email)?.id
  const municipality = org('voorbeeldstad')
  const groenwerkt = org('groenwerkt')
  const devries = org('bouwbedrijf-de-vries')
  const admin = person('beheerder@voorbeeldstad.nl') ?? null

  if (groenwerkt) {
    await tx
      .update(organisations)
      .set({
        legalForm: 'bv',
        isSocialEnterprise: true,
        distanceToLabourMarketPercent: 45,
        sdgGoals: [8, 10, 12],
        region: 'Voorbeeldstad',
        lookingForPartners: true,
        website: 'https://groenwerkt.example.nl',
        description: 'Sociale onderneming in groenonderhoud en buurtdiensten. 45% van onze medewerkers had eerder een afstand tot de arbeidsmarkt.',
      })
      .where(eq(organisations.id, groenwerkt))
  }
  if (devries) {
    await tx
      .update(organisations)
      .set({
        legalForm: 'bv',
        isSocialEnterprise: false,
        distanceToLabourMarketPercent: 5,
        sdgGoals: [9, 11],
        region: 'Voorbeeldstad en omgeving',
        lookingForPartners: true,
        website: 'https://bouwbedrijf-devries.example.nl',
        description: 'Familiebedrijf in verbouw en renovatie. Zoekt sociale partners voor leer-werkplekken.',
      })
      .where(eq(organisations.id, devries))
  }

  const aisha = person('accountmanager@voorbeeldstad.nl')
  if (municipality && groenwerkt && aisha) {
    await tx.insert(accountManagerAssignments).values({ municipalityId: municipality, enterpriseId: groenwerkt, userId: aisha, assignedBy: admin })
  }
  if (municipality) {
    await tx.insert(routekaartEntries).values(ROUTEKAART.map((entry, position) => ({ ...entry, municipalityId: municipality, position })))
  }

  const slugs = [...new Set(QUESTIONS.map((q) => q.challenge))]
  const rows = municipality ? await tx.select().from(challenges).where(and(eq(challenges.municipalityId, municipality), inArray(challenges.slug, slugs), eq(challenges.status, 'published'))) : []
  for (const challenge of rows) {
    const list = QUESTIONS.filter((q) => q.challenge === challenge.slug)
    const versions = new Map<number, { at: Date; count: number }>()
    let number = 0
    for (const q of list) {
      const enterpriseId = org(q.enterprise)
      if (!enterpriseId) continue
      const askedAt = new Date(now.getTime() - q.askedDaysAgo * DAY)
      // Version n was published a day after its last question was asked.
      const publishedAt = q.notaVersion ? new Date(now.getTime() - (Math.min(...list.filter((x) => x.notaVersion === q.notaVersion).map((x) => x.askedDaysAgo)) - 1) * DAY) : null
      if (q.notaVersion && publishedAt) versions.set(q.notaVersion, { at: publishedAt, count: (versions.get(q.notaVersion)?.count ?? 0) + 1 })
      const [row] = await tx
        .insert(questions)
        .values({
          challengeId: challenge.id,
          enterpriseId,
          askedBy: person(q.asker) ?? null,
          text: q.text,
          publicText: q.notaVersion ? (q.publicText ?? q.text) : (q.publicText ?? null),
          answer: q.answer ?? null,
          answeredAt: q.answer ? askedAt : null,
          answeredBy: q.answer ? (person('opgaven@voorbeeldstad.nl') ?? null) : null,
          number: q.notaVersion ? ++number : null,
          notaVersion: q.notaVersion ?? null,
          publishedAt,
          createdAt: askedAt,
          updatedAt: publishedAt ?? askedAt,
        })
        .returning({ id: questions.id })
      await recordAudit(tx, { actorId: person(q.asker) ?? null, action: 'question.asked', entityType: 'question', entityId: row!.id, organisationId: enterpriseId })
    }
    for (const [version, { at, count }] of versions) {
      await tx.insert(notaVersions).values({ challengeId: challenge.id, version, publishedAt: at, publishedBy: person('opgaven@voorbeeldstad.nl') ?? null, questionCount: count })
    }
  }
}
