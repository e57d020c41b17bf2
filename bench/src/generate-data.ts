/**
 * Seeded benchmark data, written through the app's own migrations:
 *   pnpm bench:data --proposals 5000 --jurors 500 --panel 40 --criteria 5 --challenges 1000 --seed 42
 * PGlite in bench/.data/<profile>/pglite by default; PostgreSQL when DATABASE_URL is set.
 * Fills municipalities, published challenges (with budget lines) and bench.scores, a plain table of
 * raw criterion scores (proposal × juror × criterion), and the same scores as scorecards in the app's jury
 * tables (generate-jury.ts) for benchmarks 2, 3 and 5. The assignment instance is generated in memory from the same seed at run time.
 */
import { challengeBudgetLines, challenges, like, organisations, sql, type DatabaseHandle } from './api'
import { deleteJuryData, generateJuryData } from './generate-jury'
import { intArg, type DataMeta } from './lib'

/** mulberry32, as in the domain's instance generator: the same seed gives the same rows everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SUBJECTS = ['Eenzaamheid', 'Energiearmoede', 'Schuldhulp', 'Laaggeletterdheid', 'Hittestress', 'Zwerfafval', 'Jeugdwerkloosheid', 'Mobiliteit', 'Voedselverspilling', 'Wateroverlast']
const PLACES = ['in de wijk', 'onder ouderen', 'bij jongeren', 'in het centrum', 'op bedrijventerreinen', 'in dorpskernen']
const MUNICIPALITIES = 25

export type GenerateOptions = Omit<DataMeta, 'generatedAt'>

export async function generateData(handle: DatabaseHandle, options: GenerateOptions, log: (line: string) => void = console.log) {
  const { db } = handle
  const random = seededRandom(options.seed)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const now = Date.now()
  const day = 86_400_000

  await handle.migrate()
  // A rerun replaces only what the bench made (slugs start with bench-), never other rows.
  await db.execute(sql`drop schema if exists bench cascade`)
  await deleteJuryData(db)
  await db.delete(challenges).where(like(challenges.slug, 'bench-%'))
  await db.delete(organisations).where(like(organisations.slug, 'bench-%'))

  const municipalities = await db
    .insert(organisations)
    .values(Array.from({ length: MUNICIPALITIES }, (_, i) => ({ kind: 'municipality' as const, name: `Gemeente Bench ${i + 1}`, slug: `bench-gemeente-${i + 1}` })))
    .returning({ id: organisations.id })

  const started = performance.now()
  for (let offset = 0; offset < options.challenges; offset += 500) {
    const batch = Array.from({ length: Math.min(500, options.challenges - offset) }, (_, b) => {
      const i = offset + b
      const subject = SUBJECTS[int(0, SUBJECTS.length - 1)]!
      const goals = [...new Set(Array.from({ length: int(1, 3) }, () => int(1, 17)))].sort((a, b) => a - b)
      // 80 % open, 10 % past their deadline (effectively closed), 10 % decided.
      const roll = random()
      const deadline = roll < 0.8 ? now + int(1, 120) * day : now - int(1, 60) * day
      return {
        municipalityId: municipalities[i % MUNICIPALITIES]!.id,
        slug: `bench-${i}`,
        title: `${subject} ${PLACES[int(0, PLACES.length - 1)]} (${i})`,
        summary: `${subject}: een maatschappelijke opgave waarvoor wij ondernemers zoeken.`,
        problemStatement: `Het probleem van ${subject.toLowerCase()} raakt veel inwoners.`,
        desiredOutcome: 'Meetbaar minder last binnen twee jaar.',
        sdgGoals: goals,
        eligibleEnterpriseKinds: random() < 0.5 ? [] : ['social_enterprise'],
        contractKind: random() < 0.3 ? ('prize' as const) : ('pilot_contract' as const),
        contractValueCents: int(10, 500) * 100_000,
        publishAt: new Date(deadline - 60 * day),
        publishedAt: new Date(deadline - 60 * day),
        questionsDeadline: new Date(deadline - 14 * day),
        submissionDeadline: new Date(deadline),
        decisionAt: new Date(deadline + 30 * day),
        status: roll < 0.9 ? ('published' as const) : ('decided' as const),
      }
    })
    const inserted = await db.insert(challenges).values(batch).returning({ id: challenges.id })
    await db.insert(challengeBudgetLines).values(
      inserted.flatMap((c) => Array.from({ length: int(1, 2) }, (_, position) => ({ challengeId: c.id, portfolio: `Portefeuille ${position + 1}`, amountCents: int(1, 100) * 1_000_000, position }))),
    )
  }
  log(`challenges: ${options.challenges} in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  // Scores are drawn in SQL so a million rows never cross the wire: a proposal quality, a juror
  // leniency and per-score noise, each from a hash of the seed, clamped to the 0–10 scale.
  const scoresStarted = performance.now()
  await db.execute(sql`create schema bench`)
  await db.execute(sql`create table bench.meta (meta jsonb not null)`)
  await db.execute(sql`create table bench.scores (proposal_id integer not null, juror_id integer not null, criterion_id integer not null, score smallint not null)`)
  const seed = String(options.seed)
  for (let from = 0; from < options.proposals; from += 1000) {
    const to = Math.min(options.proposals, from + 1000) - 1
    await db.execute(sql`
      insert into bench.scores (proposal_id, juror_id, criterion_id, score)
      select p, j, c, least(10, greatest(0,
               (abs(hashtext(${seed} || ':p' || p)) % 7) + 2
             + (abs(hashtext(${seed} || ':j' || j)) % 3) - 1
             + (abs(hashtext(${seed} || ':' || p || ':' || j || ':' || c)) % 5) - 2))
      from generate_series(${from}::int, ${to}::int) p,
           generate_series(0, ${options.panel - 1}::int) j,
           generate_series(0, ${options.criteria - 1}::int) c`)
  }
  await db.execute(sql`analyze bench.scores`)
  await db.execute(sql`analyze challenges`)
  log(`scores: ${options.proposals * options.panel * options.criteria} in ${((performance.now() - scoresStarted) / 1000).toFixed(1)} s`)
  await db.execute(sql`create table bench.jury (ids jsonb not null)`)
  await generateJuryData(handle, options, municipalities[0]!.id, log)
  const meta: DataMeta = { ...options, generatedAt: new Date().toISOString() }
  await db.execute(sql`insert into bench.meta (meta) values (${JSON.stringify(meta)}::jsonb)`)
  // The benchmarks read what a server started now would: PGlite's statistics gathered (a no-op on PostgreSQL).
  await handle.refreshStatistics()
  return meta
}

/** Sizes of a profile; flags override them. */
export function dataOptions(args: Record<string, string | true>, quick: boolean): GenerateOptions {
  const proposals = intArg(args, 'proposals', quick ? 500 : 5000)
  const jurors = intArg(args, 'jurors', quick ? 200 : 500)
  return {
    proposals,
    jurors,
    panel: intArg(args, 'panel', Math.min(quick ? 10 : 40, jurors)),
    criteria: intArg(args, 'criteria', 5),
    challenges: intArg(args, 'challenges', quick ? 300 : 2000),
    seed: intArg(args, 'seed', 42),
    scoringJurors: intArg(args, 'scoring-jurors', quick ? 50 : 300),
    scoringProposals: intArg(args, 'scoring-proposals', 10),
  }
}

export const sameSizes = (a: DataMeta | null, b: GenerateOptions) =>
  a !== null && (['proposals', 'jurors', 'panel', 'criteria', 'challenges', 'seed', 'scoringJurors', 'scoringProposals'] as const).every((k) => a[k] === b[k])
