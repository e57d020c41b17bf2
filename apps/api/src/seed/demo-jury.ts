import { eq } from 'drizzle-orm'
import { assignJurors, explainAssignment } from '@opgave/domain'
import type { DbOrTx } from '../db/client'
import { recordAudit } from '../modules/audit/audit.service'
import { challengeBudgetLines, challenges } from '../modules/challenges/challenges.table'
import { juryAssignments, juryConflicts, juryCriteria, juryMembers, juryRoundProposals, juryRounds, juryScorecards, type ScoreEntries } from '../modules/jury/jury.table'
import { organisations } from '../modules/organisations/organisations.table'
import { buildSnapshot, snapshotHash } from '../modules/proposals/proposals.service'
import { proposals, proposalSubmissions } from '../modules/proposals/proposals.table'
import { users } from '../modules/users/users.table'

const DAY = 86_400_000

/** The jury of the demo challenge in evaluation: jury1 chairs; all log in with the demo password. */
export const DEMO_JURY_LOGINS = [
  { email: 'jury1@voorbeeldstad.nl', name: 'Jasmijn Juryvoorzitter', sdgExpertise: [11, 13], role: 'jury chair — Schoolpleinen vergroenen' },
  { email: 'jury2@voorbeeldstad.nl', name: 'Joost Jurylid', sdgExpertise: [3, 11], role: 'juror — Schoolpleinen vergroenen' },
  { email: 'jury3@voorbeeldstad.nl', name: 'Janneke Jurylid', sdgExpertise: [13, 15], role: 'juror — Schoolpleinen vergroenen' },
  { email: 'jury4@voorbeeldstad.nl', name: 'Jamal Jurylid', sdgExpertise: [3, 4], role: 'juror — Schoolpleinen vergroenen (declared a conflict)' },
] as const

export const DEMO_JURY_CHALLENGE_SLUG = 'schoolpleinen-vergroenen'

interface DemoProposal {
  enterprise: { name: string; slug: string; kvkNumber: string; isSocialEnterprise: boolean }
  title: string
  summary: string
  targets: string[]
}

const PROPOSALS: DemoProposal[] = [
  { enterprise: { name: 'Tegelwippers Coöperatie', slug: 'tegelwippers', kvkNumber: '45678901', isSocialEnterprise: true }, title: 'Tegels eruit, bomen erin', summary: 'Leerlingen wippen samen met buurtbewoners de tegels van het plein en planten bomen.', targets: ['11.7', '13.1'] },
  { enterprise: { name: 'Speelnatuur BV', slug: 'speelnatuur', kvkNumber: '56789012', isSocialEnterprise: false }, title: 'Natuurspeelplaats met wadi', summary: 'Een speelplein dat regenwater vasthoudt in een wadi en zandbak.', targets: ['13.1', '6.4'] },
  { enterprise: { name: 'Groene Leerwerkplaats', slug: 'groene-leerwerkplaats', kvkNumber: '67890123', isSocialEnterprise: true }, title: 'Groenonderhoud als leerwerkplek', summary: 'Jongeren met een afstand tot de arbeidsmarkt leggen het groen aan en onderhouden het.', targets: ['8.5', '11.7'] },
  { enterprise: { name: 'Schaduwmakers', slug: 'schaduwmakers', kvkNumber: '78901234', isSocialEnterprise: false }, title: 'Schaduw en koelte op het plein', summary: 'Pergola’s met klimplanten en drinkwaterpunten tegen hitte.', targets: ['3.9', '13.1'] },
  { enterprise: { name: 'Buurtbouwers', slug: 'buurtbouwers', kvkNumber: '89012345', isSocialEnterprise: true }, title: 'Het plein van de buurt', summary: 'Een groen schoolplein dat na schooltijd open is voor de hele buurt.', targets: ['11.7', '3.4'] },
  { enterprise: { name: 'Regenwater Oplossingen', slug: 'regenwater-oplossingen', kvkNumber: '90123456', isSocialEnterprise: false }, title: 'Regentonnen en moestuinbakken', summary: 'Elke klas een moestuinbak, gevoed door regenwater van het schooldak.', targets: ['6.4', '12.8'] },
]

/**
 * "Schoolpleinen vergroenen": a challenge of Gemeente Voorbeeldstad whose deadline passed ten days
 * ago and that is now in evaluation. Six submitted proposals; a jury of four (jury1 chairs) with
 * SDG expertise; jury4 declared a conflict with one proposal. Round 1 (written, blind, k = 3, L = 5)
 * is assigned optimally and part-scored: some scorecards submitted, some drafts, some not started.
 * Round 2 (pitch) waits in set-up for the shortlist. Skips everything when the municipality is missing.
 */
export async function seedDemoJury(tx: DbOrTx, { now, passwordHash }: { now: Date; passwordHash: string }): Promise<void> {
  const at = (days: number) => new Date(now.getTime() + days * DAY)
  const [municipality] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'voorbeeldstad'))
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'opgaven@voorbeeldstad.nl'))
  if (!municipality || !manager) return

  const [challenge] = await tx
    .insert(challenges)
    .values({
      municipalityId: municipality.id,
      slug: DEMO_JURY_CHALLENGE_SLUG,
      title: 'Schoolpleinen vergroenen',
      summary: 'Grijze, versteende schoolpleinen worden groen, koel en speels: goed voor kinderen, de buurt en het klimaat.',
      problemStatement: 'Veel schoolpleinen in Voorbeeldstad zijn volledig betegeld. Ze worden heet in de zomer, houden geen regenwater vast en nodigen weinig uit tot spelen.',
      desiredOutcome: 'Tien schoolpleinen vergroend binnen twee jaar, met minstens 40% minder verharding en plekken die ook na schooltijd open zijn.',
      sdgGoals: [3, 11, 13],
      sdgTargets: ['3.4', '11.7', '13.1'],
      eligibleEnterpriseKinds: [],
      reservedArt282: false,
      socialReturnPercent: 5,
      contractKind: 'pilot_contract',
      contractValueCents: 10_000_000,
      contactName: 'Okke Opgavenregisseur',
      contactEmail: 'opgaven@voorbeeldstad.nl',
      createdBy: manager.id,
      status: 'in_evaluation',
      publishAt: at(-60),
      publishedAt: at(-60),
      questionsDeadline: at(-30),
      submissionDeadline: at(-10),
      decisionAt: at(30),
      version: 3,
    })
    .returning()
  const challengeId = challenge!.id
  await tx.insert(challengeBudgetLines).values([
    { challengeId, portfolio: 'Onderwijs', amountCents: 6_000_000, position: 0 },
    { challengeId, portfolio: 'Klimaatadaptatie', amountCents: 4_000_000, position: 1 },
  ])
  await recordAudit(tx, { actorId: manager.id, action: 'challenge.seeded', entityType: 'challenge', entityId: challengeId, organisationId: municipality.id, after: { slug: DEMO_JURY_CHALLENGE_SLUG, status: 'in_evaluation' } })

  // Six enterprises without logins, each with one submitted proposal (with a true receipt).
  const proposalIds: string[] = []
  const goalsOf = new Map<string, number[]>()
  for (const [i, spec] of PROPOSALS.entries()) {
    const [org] = await tx
      .insert(organisations)
      .values({ kind: 'enterprise', ...spec.enterprise, legalForm: 'bv', sdgGoals: [...new Set(spec.targets.map((t) => Number(t.split('.')[0])))], region: 'Utrecht', description: spec.summary })
      .returning({ id: organisations.id })
    const submittedAt = at(-12 - i)
    const [row] = await tx
      .insert(proposals)
      .values({
        challengeId,
        leadEnterpriseId: org!.id,
        status: 'submitted',
        title: spec.title,
        summary: spec.summary,
        approach: 'In drie fasen: ontwerp met leerlingen en buurt, aanleg in de zomervakantie, onderhoud met de school.',
        team: 'Een ontwerper, een uitvoerder en een projectleider.',
        requestedBudgetCents: 900_000 + i * 100_000,
        plannedImpact: spec.targets.map((sdgTarget) => ({ sdgTarget, indicators: [{ name: 'Vergroende schoolpleinen', baseline: 0, target: 2 + i, unit: 'pleinen' }] })),
        socialReturn: { hours: 400 + i * 50, jobs: 1, targetGroup: 'Jongeren met een afstand tot de arbeidsmarkt' },
        createdAt: at(-20 - i),
        updatedAt: submittedAt,
      })
      .returning()
    const snapshot = await buildSnapshot(tx, row!, submittedAt)
    await tx.insert(proposalSubmissions).values({ proposalId: row!.id, submittedAt, contentHash: snapshotHash(snapshot), snapshot, submittedBy: null })
    proposalIds.push(row!.id)
    goalsOf.set(row!.id, [...new Set(spec.targets.map((t) => Number(t.split('.')[0])))])
  }

  // The jury: four accepted members with accounts.
  const memberIds: string[] = []
  for (const [i, login] of DEMO_JURY_LOGINS.entries()) {
    const [user] = await tx.insert(users).values({ email: login.email, name: login.name, passwordHash }).returning({ id: users.id })
    const [member] = await tx
      .insert(juryMembers)
      .values({ challengeId, email: login.email, userId: user!.id, isChair: i === 0, sdgExpertise: [...login.sdgExpertise], invitedBy: manager.id, invitationExpiresAt: at(-16), acceptedAt: at(-28), createdAt: at(-30), updatedAt: at(-28) })
      .returning({ id: juryMembers.id })
    memberIds.push(member!.id)
  }
  const conflicted = { memberId: memberIds[3]!, proposalId: proposalIds[3]! }
  await tx.insert(juryConflicts).values({ challengeId, ...conflicted, reason: 'Mijn zwager werkt bij Schaduwmakers.', createdAt: at(-9) })

  const [round1, round2] = await tx
    .insert(juryRounds)
    .values([
      { challengeId, position: 1, kind: 'written', name: 'Ronde 1: schriftelijk', blindReview: true, calibrate: true, jurorsPerProposal: 3, maxLoad: 5, status: 'scoring', version: 2, createdAt: at(-20), updatedAt: at(-9) },
      { challengeId, position: 2, kind: 'pitch', name: 'Ronde 2: pitch', blindReview: false, createdAt: at(-20), updatedAt: at(-20) },
    ])
    .returning()
  const criteria = await tx
    .insert(juryCriteria)
    .values([
      {
        roundId: round1!.id,
        position: 0,
        name: 'Klimaatimpact',
        description: 'Minder verharding, meer schaduw en waterberging.',
        weight: 3,
        threshold: 4,
        sdgGoals: [11, 13],
        sdgTargets: ['11.7', '13.1'],
        levelDescriptors: [
          { score: 2, description: 'Nauwelijks minder verharding' },
          { score: 5, description: 'Duidelijk groener, beperkte waterberging' },
          { score: 8, description: 'Grotendeels onthard, met waterberging en schaduw' },
        ],
      },
      { roundId: round1!.id, position: 1, name: 'Haalbaarheid', description: 'Planning, budget en team.', weight: 2, sdgGoals: [], sdgTargets: [], levelDescriptors: [{ score: 2, description: 'Onrealistisch' }, { score: 8, description: 'Overtuigend onderbouwd' }] },
      { roundId: round1!.id, position: 2, name: 'Kinderen en buurt', description: 'Speelwaarde, gezondheid en openstelling voor de buurt.', weight: 2, sdgGoals: [3, 11], sdgTargets: ['3.4'], levelDescriptors: [] },
      { roundId: round2!.id, position: 0, name: 'Overtuigingskracht van de pitch', description: '', weight: 1, sdgGoals: [], sdgTargets: [], levelDescriptors: [] },
      { roundId: round2!.id, position: 1, name: 'Samenwerking met de school', description: '', weight: 1, sdgGoals: [3], sdgTargets: [], levelDescriptors: [] },
    ])
    .returning()
  const round1Criteria = criteria.filter((c) => c.roundId === round1!.id)
  await tx.insert(juryRoundProposals).values(proposalIds.map((proposalId) => ({ roundId: round1!.id, proposalId, createdAt: at(-9) })))

  // The assignment the chair would get: the same solver and explanation as the API uses.
  const inputs = {
    proposals: proposalIds.map((id) => ({ id, sdgGoals: goalsOf.get(id)! })),
    jurors: memberIds.map((id, i) => ({ id, sdgExpertise: [...DEMO_JURY_LOGINS[i]!.sdgExpertise], maxLoad: 5 })),
    conflicts: [{ jurorId: conflicted.memberId, proposalId: conflicted.proposalId }],
  }
  const solved = assignJurors({ ...inputs, k: 3 })
  if (!solved.ok) throw new Error(`demo jury assignment: ${solved.message}`)
  const explanation = explainAssignment({ ...inputs, assignments: solved.assignments, k: 3 })
  await tx.insert(juryAssignments).values(explanation.pairs.map((p) => ({ roundId: round1!.id, proposalId: p.proposalId, memberId: p.jurorId, matchScore: p.matchScore, sharedGoals: p.sharedGoals, explanation: p, createdAt: at(-9) })))
  await recordAudit(tx, { actorId: manager.id, action: 'jury_assignment.seeded', entityType: 'jury_round', entityId: round1!.id, organisationId: municipality.id, after: { pairs: explanation.pairs.length } })

  // Scores: the chair and jury2 submitted everything; jury3 submitted two and has a draft; jury4 has not started.
  const base = [8, 6, 7, 5, 6, 3]
  const leniency = [0, 1, -1, 0]
  const comments = ['Sterk plan, goed uitgewerkt.', 'Budget is krap voor deze ambitie.', 'Mooi dat de buurt meedoet.']
  for (const [j, memberId] of memberIds.entries()) {
    const mine = explanation.pairs.filter((p) => p.jurorId === memberId)
    for (const [n, pair] of mine.entries()) {
      const pi = proposalIds.indexOf(pair.proposalId)
      const full = j <= 1 || (j === 2 && n < 2)
      const partial = j === 2 && n === 2
      if (!full && !partial) continue
      const scores: ScoreEntries = {}
      for (const [ci, c] of round1Criteria.entries()) {
        const value = Math.min(10, Math.max(0, base[pi]! + leniency[j]! + ((ci + pi + j) % 3) - 1))
        scores[c.id] = partial && ci > 0 ? { score: null, comment: null } : { score: value, comment: ci === 0 ? comments[(pi + j) % comments.length]! : null }
      }
      await tx.insert(juryScorecards).values({
        roundId: round1!.id,
        proposalId: pair.proposalId,
        memberId,
        scores,
        status: full ? 'submitted' : 'draft',
        submittedAt: full ? at(-3 + n / 10) : null,
        hasScores: true,
        version: full ? 3 : 1,
        createdAt: at(-6),
        updatedAt: at(-3),
      })
    }
  }
}
