import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challengeBudgetLines, challenges } from '../modules/challenges/challenges.table'
import { juryDecisions } from '../modules/jury/jury.table'
import { memberships, organisations } from '../modules/organisations/organisations.table'
import { pilotReports, type PilotReportIndicator } from '../modules/pilot-reports/pilot-reports.table'
import { buildSnapshot, snapshotHash } from '../modules/proposals/proposals.service'
import { proposals, proposalSubmissions } from '../modules/proposals/proposals.table'
import { showcaseConsents } from '../modules/showcase/showcase.table'
import { users } from '../modules/users/users.table'

const DAY = 86_400_000

export const DEMO_IMPACT_LOGINS = [
  { email: 'eigenaar@moestuinmakers.nl', name: 'Mo Moestuinmaker', role: 'owner — De Moestuinmakers (social enterprise, pilot winner)' },
  { email: 'eigenaar@zonopdak.nl', name: 'Zara Zonneveld', role: 'owner — Zon op Dak (SME, pilot winner)' },
] as const

/**
 * Two challenges of Gemeente Voorbeeldstad that ran their course (results published, each with one
 * winner), so the impact dashboard, showcase and pilot reports have something to show. Published
 * 300 and 240 days before `now`, well before the other demo challenges, so a period filter can
 * isolate them (see impact.test.ts for the hand count). Zon op Dak agreed to the showcase;
 * De Moestuinmakers has not (yet). Skips everything when the municipality or account manager is missing.
 */
export async function seedDemoImpact(tx: DbOrTx, { now, passwordHash }: { now: Date; passwordHash: string }): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY)
  const day = (days: number) => at(days).toISOString().slice(0, 10)
  const [municipality] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'voorbeeldstad'))
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'accountmanager@voorbeeldstad.nl'))
  const [author] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'opgaven@voorbeeldstad.nl'))
  if (!municipality || !manager || !author) return

  const [moestuin, zon] = await tx
    .insert(organisations)
    .values([
      { kind: 'enterprise', name: 'De Moestuinmakers', slug: 'de-moestuinmakers', kvkNumber: '23456789', legalForm: 'bv', isSocialEnterprise: true, distanceToLabourMarketPercent: 55, sdgGoals: [2, 8, 11], region: 'Utrecht', description: 'Sociale onderneming die braakliggende grond omtovert tot buurtmoestuinen, met leerwerkplekken.' },
      { kind: 'enterprise', name: 'Zon op Dak', slug: 'zon-op-dak', kvkNumber: '34567890', legalForm: 'bv', isSocialEnterprise: false, sdgGoals: [7, 13], region: 'Utrecht', description: 'Installateur van zonnepanelen die werkzoekenden opleidt tot monteur.' },
    ])
    .returning({ id: organisations.id })
  const owners: string[] = []
  for (const [i, login] of DEMO_IMPACT_LOGINS.entries()) {
    const [user] = await tx.insert(users).values({ email: login.email, name: login.name, passwordHash }).returning({ id: users.id })
    await tx.insert(memberships).values({ organisationId: [moestuin!.id, zon!.id][i]!, userId: user!.id, role: 'owner' })
    owners.push(user!.id)
  }
  const [mo, zara] = owners as [string, string]

  const challenge = async (spec: { slug: string; title: string; summary: string; problemStatement: string; desiredOutcome: string; sdgGoals: number[]; sdgTargets: string[]; eligibleEnterpriseKinds: ('social_enterprise' | 'sme')[]; reservedArt282: boolean; socialReturnPercent: number | null; contractValueCents: number; budgetLines: { portfolio: string; amountCents: number }[]; publish: number }) => {
    const { budgetLines, publish, ...fields } = spec
    const [row] = await tx
      .insert(challenges)
      .values({
        ...fields,
        municipalityId: municipality.id,
        createdBy: author.id,
        contractKind: 'pilot_contract',
        contactName: 'Okke Opgavenregisseur',
        contactEmail: 'opgaven@voorbeeldstad.nl',
        status: 'results_published',
        publishAt: at(publish),
        publishedAt: at(publish),
        questionsDeadline: at(publish + 20),
        submissionDeadline: at(publish + 50),
        decisionAt: at(publish + 100),
      })
      .returning()
    await tx.insert(challengeBudgetLines).values(budgetLines.map((line, position) => ({ ...line, position, challengeId: row!.id })))
    await recordAudit(tx, { actorId: author.id, action: 'challenge.seeded', entityType: 'challenge', entityId: row!.id, organisationId: municipality.id, after: { slug: spec.slug, status: 'results_published' } })
    return row!
  }

  const submitted = async (challengeId: string, enterpriseId: string, by: string, spec: { title: string; summary: string; approach: string; team: string; requestedBudgetCents: number; plannedImpact: { sdgTarget: string; indicators: { name: string; baseline: number; target: number; unit: string }[] }[]; socialReturn: { hours: number; jobs: number; targetGroup: string } }, submittedDay: number) => {
    const [row] = await tx.insert(proposals).values({ ...spec, challengeId, leadEnterpriseId: enterpriseId, status: 'submitted', createdBy: by, createdAt: at(submittedDay - 10), updatedAt: at(submittedDay) }).returning()
    const submittedAt = at(submittedDay)
    const snapshot = await buildSnapshot(tx, row!, submittedAt)
    const contentHash = snapshotHash(snapshot)
    await tx.insert(proposalSubmissions).values({ proposalId: row!.id, submittedAt, contentHash, snapshot, submittedBy: by })
    await recordAudit(tx, { actorId: by, action: 'proposal.seeded', entityType: 'proposal', entityId: row!.id, organisationId: enterpriseId, after: { status: 'submitted', contentHash } })
    return row!
  }

  const gardens = await challenge({
    slug: 'buurtmoestuinen-als-leerwerkplek',
    title: 'Buurtmoestuinen als leerwerkplek',
    summary: 'Voorbehouden opdracht (art. 2.82): braakliggende grond wordt een moestuin waar mensen met een afstand tot de arbeidsmarkt werkervaring opdoen.',
    problemStatement: 'In Voorbeeldstad liggen tientallen percelen braak, terwijl honderden inwoners een plek zoeken om werkervaring op te doen.',
    desiredOutcome: 'Vijf buurtmoestuinen in gebruik en twaalf deelnemers met een leerwerkplek binnen twee jaar.',
    sdgGoals: [2, 8, 11],
    sdgTargets: ['2.4', '8.5', '11.7'],
    eligibleEnterpriseKinds: ['social_enterprise'],
    reservedArt282: true,
    socialReturnPercent: null,
    contractValueCents: 6_000_000,
    budgetLines: [
      { portfolio: 'Werk en inkomen', amountCents: 4_000_000 },
      { portfolio: 'Openbare ruimte', amountCents: 2_000_000 },
    ],
    publish: -300,
  })
  const solar = await challenge({
    slug: 'zonnepanelen-maatschappelijk-vastgoed',
    title: 'Zonnepanelen op maatschappelijk vastgoed',
    summary: 'Zonnepanelen op scholen en buurthuizen, gelegd door werkzoekenden die daarmee een vak leren.',
    problemStatement: 'De daken van scholen en buurthuizen blijven onbenut, terwijl installateurs monteurs tekortkomen.',
    desiredOutcome: '400 kWp opgesteld vermogen en twee duurzame banen voor mensen uit de Participatiewet.',
    sdgGoals: [7, 13],
    sdgTargets: ['7.2', '13.2'],
    eligibleEnterpriseKinds: [],
    reservedArt282: false,
    socialReturnPercent: 5,
    contractValueCents: 8_000_000,
    budgetLines: [
      { portfolio: 'Duurzaamheid', amountCents: 6_000_000 },
      { portfolio: 'Vastgoed', amountCents: 2_000_000 },
    ],
    publish: -240,
  })

  const gardensWinner = await submitted(
    gardens.id,
    moestuin!.id,
    mo,
    {
      title: 'Vijf tuinen, twaalf leerwerkplekken',
      summary: 'Wij richten vijf buurtmoestuinen in en begeleiden twaalf deelnemers naar werk in het groen.',
      approach: 'Elke tuin krijgt een vaste tuinbaas; deelnemers volgen een praktijkleerroute van een jaar.',
      team: 'Drie tuinbazen en een jobcoach.',
      requestedBudgetCents: 5_400_000,
      plannedImpact: [
        { sdgTarget: '8.5', indicators: [{ name: 'Deelnemers met een leerwerkplek', baseline: 0, target: 12, unit: 'personen' }] },
        { sdgTarget: '11.7', indicators: [{ name: 'Moestuinen in gebruik', baseline: 0, target: 5, unit: 'tuinen' }] },
      ],
      socialReturn: { hours: 7200, jobs: 6, targetGroup: 'Mensen met een afstand tot de arbeidsmarkt' },
    },
    -255,
  )
  const solarWinner = await submitted(
    solar.id,
    zon!.id,
    zara,
    {
      title: 'Leer-werkbedrijf zonnemonteurs',
      summary: 'Wij leggen 400 kWp op twaalf gebouwen en leiden vier werkzoekenden op tot zonnemonteur.',
      approach: 'Per gebouw een ploeg van een ervaren monteur en twee leerlingen.',
      team: 'Twee monteurs, een werkvoorbereider en een leermeester.',
      requestedBudgetCents: 7_500_000,
      plannedImpact: [{ sdgTarget: '7.2', indicators: [{ name: 'Opgesteld vermogen', baseline: 0, target: 400, unit: 'kWp' }] }],
      socialReturn: { hours: 1600, jobs: 2, targetGroup: 'Werkzoekenden uit de Participatiewet' },
    },
    -195,
  )
  // A second proposal that did not win: it counts as received and as an enterprise reached.
  await submitted(
    solar.id,
    moestuin!.id,
    mo,
    {
      title: 'Groene daken met zonnepanelen',
      summary: 'Zonnepanelen gecombineerd met sedum op vier buurthuizen.',
      approach: 'In samenwerking met een lokale installateur.',
      team: 'Twee tuinbazen en een installateur.',
      requestedBudgetCents: 2_000_000,
      plannedImpact: [{ sdgTarget: '7.2', indicators: [{ name: 'Opgesteld vermogen', baseline: 0, target: 100, unit: 'kWp' }] }],
      socialReturn: { hours: 800, jobs: 1, targetGroup: 'Mensen met een afstand tot de arbeidsmarkt' },
    },
    -196,
  )

  const [chair] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'beheerder@voorbeeldstad.nl'))
  await tx.insert(juryDecisions).values([
    { challengeId: gardens.id, winnerProposalIds: [gardensWinner.id], motivation: 'Het meest realistische plan, met sterke begeleiding van deelnemers.', decidedBy: chair?.id ?? null, createdAt: at(-200), updatedAt: at(-200) },
    { challengeId: solar.id, winnerProposalIds: [solarWinner.id], motivation: 'Ruim voldoende vermogen tegen een scherpe prijs, met een duidelijke leerroute.', decidedBy: chair?.id ?? null, createdAt: at(-140), updatedAt: at(-140) },
  ])

  const indicator = (sdgTarget: string, name: string, value: number, measuredOn: string, evidence: string): PilotReportIndicator => ({ sdgTarget, indicator: name, value, measuredOn, evidence, evidenceUrl: null })
  const report = (p: { proposalId: string; challengeId: string; enterpriseId: string; by: string; start: number; end: number; indicators: PilotReportIndicator[]; jobs: number; hours: number; amountCents: number; status: 'submitted' | 'validated' | 'rejected'; rejectionReason?: string }) => ({
    proposalId: p.proposalId,
    challengeId: p.challengeId,
    enterpriseId: p.enterpriseId,
    periodStart: day(p.start),
    periodEnd: day(p.end),
    indicators: p.indicators,
    jobsRealised: p.jobs,
    hoursRealised: p.hours,
    amountRealisedCents: p.amountCents,
    status: p.status,
    rejectionReason: p.rejectionReason ?? null,
    submittedBy: p.by,
    submittedAt: at(p.end + 2),
    reviewedBy: p.status === 'submitted' ? null : manager.id,
    reviewedAt: p.status === 'submitted' ? null : at(p.end + 5),
  })
  const g = { proposalId: gardensWinner.id, challengeId: gardens.id, enterpriseId: moestuin!.id, by: mo }
  const s = { proposalId: solarWinner.id, challengeId: solar.id, enterpriseId: zon!.id, by: zara }
  const rows = await tx
    .insert(pilotReports)
    .values([
      report({ ...g, start: -190, end: -100, indicators: [indicator('8.5', 'Deelnemers met een leerwerkplek', 5, day(-100), 'Presentielijsten van de leerroute'), indicator('11.7', 'Moestuinen in gebruik', 3, day(-100), 'Foto’s en gebruiksovereenkomsten')], jobs: 2, hours: 2400, amountCents: 0, status: 'validated' }),
      report({ ...g, start: -100, end: -12, indicators: [indicator('8.5', 'Deelnemers met een leerwerkplek', 9, day(-12), 'Presentielijsten van de leerroute')], jobs: 2, hours: 2600, amountCents: 0, status: 'validated' }),
      report({ ...g, start: -12, end: -3, indicators: [indicator('11.7', 'Moestuinen in gebruik', 4, day(-3), 'Gebruiksovereenkomst vierde tuin')], jobs: 1, hours: 500, amountCents: 0, status: 'submitted' }),
      report({ ...s, start: -140, end: -40, indicators: [indicator('7.2', 'Opgesteld vermogen', 250, day(-40), 'Opleverrapporten van acht gebouwen')], jobs: 1, hours: 700, amountCents: 1_250_000, status: 'validated' }),
      report({ ...s, start: -40, end: -10, indicators: [indicator('7.2', 'Opgesteld vermogen', 330, day(-10), 'Volgt nog')], jobs: 1, hours: 300, amountCents: 0, status: 'rejected', rejectionReason: 'Het bewijs ontbreekt: voeg de opleverrapporten toe.' }),
    ])
    .returning({ id: pilotReports.id, enterpriseId: pilotReports.enterpriseId, status: pilotReports.status })
  for (const r of rows) await recordAudit(tx, { actorId: manager.id, action: 'pilot_report.seeded', entityType: 'pilot_report', entityId: r.id, organisationId: r.enterpriseId, after: { status: r.status } })

  await tx.insert(showcaseConsents).values({ proposalId: solarWinner.id, consented: true, changedBy: zara, changedAt: at(-130) })
  await recordAudit(tx, { actorId: zara, action: 'showcase.consent_given', entityType: 'proposal', entityId: solarWinner.id, organisationId: zon!.id, after: { consented: true } })
}
