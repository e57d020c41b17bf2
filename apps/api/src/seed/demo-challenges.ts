import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challengeBudgetLines, challenges } from '../modules/challenges/challenges.table'
import { juryCriteria, juryRounds } from '../modules/jury/jury.table'

const DAY = 86_400_000

interface DemoChallenge {
  slug: string
  title: string
  summary: string
  problemStatement: string
  desiredOutcome: string
  sdgGoals: number[]
  sdgTargets: string[]
  eligibleEnterpriseKinds: ('social_enterprise' | 'sme')[]
  reservedArt282: boolean
  socialReturnPercent: number | null
  contractKind: 'prize' | 'pilot_contract'
  contractValueCents: number
  budgetLines: { portfolio: string; amountCents: number }[]
  /** Days relative to `now`; a draft has no dates yet. */
  days: { publish: number; questions: number; submission: number; decision: number } | null
  /** The first jury round, set up with the challenge so applicants read how they will be judged. */
  assessment?: { name: string; criteria: { name: string; description: string; weight: number; threshold?: number; sdgGoals: number[]; sdgTargets: string[]; levelDescriptors: { score: number; description: string }[] }[] }
}

const CHALLENGES: DemoChallenge[] = [
  {
    slug: 'eenzaamheid-onder-ouderen',
    title: 'Eenzaamheid onder ouderen doorbreken',
    summary: 'Eén op de drie ouderen in Voorbeeldstad voelt zich eenzaam. Wij zoeken ondernemers die ontmoeting in de wijk duurzaam organiseren.',
    problemStatement:
      '## Wat speelt er\n\nIn de wijken **Oost** en **Kanaleneiland-Zuid** wonen veel oudere inwoners alleen. Het buurthuis is gesloten en de bibliotheek heeft minder openingsuren.\n\n- 34% van de 75-plussers voelt zich eenzaam (GGD-monitor)\n- Mantelzorgers zijn overbelast\n- Bestaande activiteiten bereiken vooral mensen die al actief zijn',
    desiredOutcome:
      'Binnen twee jaar:\n\n1. minstens 200 ouderen nemen wekelijks deel aan een activiteit in hun eigen wijk;\n2. de eenzaamheid in de GGD-monitor daalt meetbaar;\n3. de aanpak betaalt zich deels zelf terug.\n\nMeer over het beleid: [Samen tegen eenzaamheid](https://www.samentegeneenzaamheid.nl).',
    sdgGoals: [3, 10, 11],
    sdgTargets: ['3.4', '10.2', '11.7'],
    eligibleEnterpriseKinds: [],
    reservedArt282: false,
    socialReturnPercent: 5,
    contractKind: 'pilot_contract',
    contractValueCents: 12_000_000,
    budgetLines: [
      { portfolio: 'Sociaal domein', amountCents: 8_000_000 },
      { portfolio: 'Wonen en wijken', amountCents: 4_000_000 },
    ],
    days: { publish: -10, questions: 14, submission: 35, decision: 70 },
    assessment: {
      name: 'Schriftelijke beoordeling',
      criteria: [
        {
          name: 'Bereik van eenzame ouderen',
          description: 'Hoe bereikt u ouderen die nu niet meedoen, en hoeveel?',
          weight: 4,
          threshold: 5,
          sdgGoals: [3, 10],
          sdgTargets: ['3.4', '10.2'],
          levelDescriptors: [
            { score: 2, description: 'Vooral mensen die al actief zijn' },
            { score: 5, description: 'Een aanpak voor nieuwe deelnemers, zonder onderbouwing' },
            { score: 8, description: 'Een beproefde aanpak met verwijzers en een realistisch aantal' },
          ],
        },
        { name: 'Verankering in de wijk', description: 'Samenwerking met buurtteams, vrijwilligers en bestaande plekken.', weight: 3, sdgGoals: [11], sdgTargets: ['11.7'], levelDescriptors: [] },
        { name: 'Verdienmodel', description: 'Hoe de aanpak zich na de pilot deels zelf betaalt.', weight: 2, sdgGoals: [], sdgTargets: [], levelDescriptors: [] },
        { name: 'Social return', description: 'Werk voor mensen met een afstand tot de arbeidsmarkt.', weight: 1, sdgGoals: [8], sdgTargets: ['8.5'], levelDescriptors: [] },
      ],
    },
  },
  {
    slug: 'energiearmoede-aanpakken',
    title: 'Energiearmoede aanpakken in huurwoningen',
    summary: 'Huishoudens met een laag inkomen betalen een te groot deel van hun inkomen aan energie. Help hen besparen, zonder eigen investering.',
    problemStatement:
      'Ruim 4.000 huishoudens in Voorbeeldstad leven in **energiearmoede**: hoge energielasten, slecht geïsoleerde woningen en weinig ruimte om zelf te investeren. Energiecoaches bereiken maar een klein deel van hen.',
    desiredOutcome:
      '- 1.000 huishoudens krijgen een energiescan en kleine maatregelen\n- de gemiddelde energierekening daalt met 15%\n- lokale werkzoekenden worden opgeleid tot energiefixer',
    sdgGoals: [7, 1],
    sdgTargets: ['7.1', '7.3', '1.2'],
    eligibleEnterpriseKinds: ['social_enterprise', 'sme'],
    reservedArt282: false,
    socialReturnPercent: 10,
    contractKind: 'pilot_contract',
    contractValueCents: 25_000_000,
    budgetLines: [
      { portfolio: 'Duurzaamheid', amountCents: 15_000_000 },
      { portfolio: 'Sociaal domein', amountCents: 10_000_000 },
    ],
    days: { publish: -5, questions: 20, submission: 45, decision: 90 },
  },
  {
    slug: 'circulair-afval',
    title: 'Van restafval naar grondstof',
    summary: 'Wij zoeken circulaire ondernemers die grofvuil en textiel uit de wijk een tweede leven geven.',
    problemStatement:
      'Per inwoner gooien we jaarlijks 180 kilo restafval weg, waarvan een groot deel herbruikbaar is. Vooral grofvuil en textiel belanden nu in de verbrandingsoven.',
    desiredOutcome: 'Een sluitende keten voor hergebruik van grofvuil en textiel, met **30% minder restafval** in de pilotwijk en werkplekken voor mensen met afstand tot de arbeidsmarkt.',
    sdgGoals: [12],
    sdgTargets: ['12.2', '12.5'],
    eligibleEnterpriseKinds: [],
    reservedArt282: false,
    socialReturnPercent: null,
    contractKind: 'prize',
    contractValueCents: 5_000_000,
    budgetLines: [
      { portfolio: 'Duurzaamheid', amountCents: 3_500_000 },
      { portfolio: 'Economische zaken', amountCents: 1_500_000 },
    ],
    days: { publish: -20, questions: 5, submission: 21, decision: 60 },
  },
  {
    slug: 'jongeren-aan-het-werk',
    title: 'Jongeren zonder startkwalificatie aan het werk',
    summary: 'Voorbehouden opdracht (art. 2.82 Aanbestedingswet): leer-werktrajecten voor jongeren die nu buiten de boot vallen.',
    problemStatement:
      'Ruim 600 jongeren tussen 18 en 27 jaar hebben geen werk en geen startkwalificatie. Reguliere re-integratie sluit slecht aan bij wat zij nodig hebben: begeleiding op de werkvloer.',
    desiredOutcome: 'Minstens 60 jongeren volgen een leer-werktraject; 40 van hen hebben na een jaar een betaalde baan of een vervolgopleiding.',
    sdgGoals: [8],
    sdgTargets: ['8.5', '8.6'],
    eligibleEnterpriseKinds: ['social_enterprise'],
    reservedArt282: true,
    socialReturnPercent: null,
    contractKind: 'pilot_contract',
    contractValueCents: 18_000_000,
    budgetLines: [
      { portfolio: 'Werk en inkomen', amountCents: 12_000_000 },
      { portfolio: 'Economische zaken', amountCents: 6_000_000 },
    ],
    days: { publish: -3, questions: 25, submission: 50, decision: 95 },
  },
  {
    slug: 'groene-schoolpleinen',
    title: 'Groene schoolpleinen (concept)',
    summary: 'Nog in voorbereiding: schoolpleinen vergroenen samen met buurtbewoners.',
    problemStatement: 'Versteende schoolpleinen worden in de zomer te heet.',
    desiredOutcome: '',
    sdgGoals: [11],
    sdgTargets: [],
    eligibleEnterpriseKinds: [],
    reservedArt282: false,
    socialReturnPercent: null,
    contractKind: 'pilot_contract',
    contractValueCents: 3_000_000,
    budgetLines: [
      { portfolio: 'Openbare ruimte', amountCents: 2_000_000 },
      { portfolio: 'Onderwijs', amountCents: 1_000_000 },
    ],
    days: null,
  },
]

/** Demo challenges for Gemeente Voorbeeldstad: four published across several SDGs and one draft. Dates follow `now`. */
export async function seedDemoChallenges(tx: DbOrTx, options: { municipalityId: string; challengeManagerId: string; now: Date }): Promise<string[]> {
  // `days` after `now` at 11:00 UTC (12:00 Dutch winter time): deadlines as a municipality sets them, on the seed's clock.
  const at = (days: number) => {
    const date = new Date(options.now.getTime() + days * DAY)
    date.setUTCHours(11, 0, 0, 0)
    return date
  }
  const ids: string[] = []
  for (const spec of CHALLENGES) {
    const { budgetLines, days, assessment, ...fields } = spec
    const published = days !== null
    const [row] = await tx
      .insert(challenges)
      .values({
        ...fields,
        municipalityId: options.municipalityId,
        createdBy: options.challengeManagerId,
        contactName: 'Okke Opgavenregisseur',
        contactEmail: 'opgaven@voorbeeldstad.nl',
        status: published ? 'published' : 'draft',
        publishAt: days ? at(days.publish) : null,
        publishedAt: days ? at(days.publish) : null,
        questionsDeadline: days ? at(days.questions) : null,
        submissionDeadline: days ? at(days.submission) : null,
        decisionAt: days ? at(days.decision) : null,
      })
      .returning({ id: challenges.id })
    await tx.insert(challengeBudgetLines).values(budgetLines.map((line, position) => ({ ...line, position, challengeId: row!.id })))
    if (assessment) {
      const [round] = await tx.insert(juryRounds).values({ challengeId: row!.id, position: 1, kind: 'written', name: assessment.name, blindReview: true }).returning({ id: juryRounds.id })
      await tx.insert(juryCriteria).values(assessment.criteria.map((c, position) => ({ ...c, roundId: round!.id, position })))
    }
    await recordAudit(tx, { actorId: options.challengeManagerId, action: 'challenge.seeded', entityType: 'challenge', entityId: row!.id, organisationId: options.municipalityId, after: { slug: spec.slug, status: published ? 'published' : 'draft' } })
    ids.push(row!.id)
  }
  return ids
}
