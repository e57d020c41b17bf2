import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { hashPassword } from '../modules/auth/auth.service'
import { memberships, organisations } from '../modules/organisations/organisations.table'
import { users } from '../modules/users/users.table'
import { recordAudit } from '../modules/audit/audit.service'
import { seedDemoChallenges } from './demo-challenges'
import { seedDemoProposals } from './demo-proposals'
import { seedDemoQuestions } from './demo-questions'
import { DEMO_IMPACT_LOGINS, seedDemoImpact } from './demo-impact'
import { DEMO_JURY_LOGINS, seedDemoJury } from './demo-jury'
import { seedDemoMeetings } from './demo-meetings'
import { seedDemoGuidance } from './demo-guidance'

export const DEMO_PASSWORD = 'Opgave-demo-2026'

export interface DemoLogin {
  email: string
  role: string
}

type MemberSpec = { email: string; name: string; org: 'municipality' | 'social' | 'sme'; role: 'admin' | 'challenge_manager' | 'account_manager' | 'owner' | 'member' }

const PEOPLE: MemberSpec[] = [
  { email: 'beheerder@voorbeeldstad.nl', name: 'Bea Beheerder', org: 'municipality', role: 'admin' },
  { email: 'opgaven@voorbeeldstad.nl', name: 'Okke Opgavenregisseur', org: 'municipality', role: 'challenge_manager' },
  { email: 'accountmanager@voorbeeldstad.nl', name: 'Aisha Accountmanager', org: 'municipality', role: 'account_manager' },
  { email: 'eigenaar@groenwerkt.nl', name: 'Gert Groen', org: 'social', role: 'owner' },
  { email: 'medewerker@groenwerkt.nl', name: 'Mila Medewerker', org: 'social', role: 'member' },
  { email: 'eigenaar@bouwbedrijf-devries.nl', name: 'Daan de Vries', org: 'sme', role: 'owner' },
]

/** Seeds a small, recognisable world on an empty database and returns the logins to print. */
export async function seedDemoData(db: Database, now: Date = new Date()): Promise<DemoLogin[] | null> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users)
  if (n > 0) return null
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(users)
      .values({ email: 'platform@opgave.localhost', name: 'Pim Platformbeheer', passwordHash, isPlatformAdmin: true })
      .returning({ id: users.id })
    const orgs = await tx
      .insert(organisations)
      .values([
        { kind: 'municipality', name: 'Gemeente Voorbeeldstad', slug: 'voorbeeldstad' },
        { kind: 'enterprise', name: 'GroenWerkt Sociale Onderneming', slug: 'groenwerkt', kvkNumber: '12345678' },
        { kind: 'enterprise', name: 'Bouwbedrijf De Vries', slug: 'bouwbedrijf-de-vries', kvkNumber: '87654321' },
      ])
      .returning({ id: organisations.id })
    const orgId = { municipality: orgs[0]!.id, social: orgs[1]!.id, sme: orgs[2]!.id }
    const userIds = new Map<string, string>()
    for (const person of PEOPLE) {
      const [user] = await tx.insert(users).values({ email: person.email, name: person.name, passwordHash }).returning({ id: users.id })
      await tx.insert(memberships).values({ organisationId: orgId[person.org], userId: user!.id, role: person.role })
      userIds.set(person.email, user!.id)
    }
    await seedDemoChallenges(tx, { municipalityId: orgId.municipality, challengeManagerId: userIds.get('opgaven@voorbeeldstad.nl')!, now })
    await seedDemoProposals(tx, { now })
    await seedDemoQuestions(tx, { now })
    await seedDemoImpact(tx, { now, passwordHash })
    await seedDemoJury(tx, { now, passwordHash })
    await seedDemoMeetings(tx, { now })
    await seedDemoGuidance(tx, { now })
    await recordAudit(tx, { actorId: admin!.id, action: 'demo.seeded', entityType: 'platform', entityId: 'demo' })
    return [
      { email: 'platform@opgave.localhost', role: 'platform admin' },
      ...PEOPLE.map((p) => ({ email: p.email, role: `${p.role} — ${p.org === 'municipality' ? 'Gemeente Voorbeeldstad' : p.org === 'social' ? 'GroenWerkt (social enterprise)' : 'Bouwbedrijf De Vries'}` })),
      ...DEMO_IMPACT_LOGINS.map(({ email, role }) => ({ email, role })),
      ...DEMO_JURY_LOGINS.map(({ email, role }) => ({ email, role })),
    ]
  })
}
