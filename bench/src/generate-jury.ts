/**
 * Jury data in the app's own jury tables, drawn in SQL (nothing large crosses the wire):
 *   - "ranking" challenge (benchmarks 3 and 5): every proposal of bench.scores as a submitted proposal
 *     of one lead enterprise each, the panel as accepted jury members (member 0 chairs), one written
 *     round in deliberation with the criteria of bench.scores, and one submitted scorecard per
 *     proposal × juror holding exactly bench.scores' scores;
 *   - "scoring" challenge (benchmark 2): a pitch round being scored, `scoringProposals` proposals
 *     assigned to each of `scoringJurors` accepted members, no scorecards yet (the benchmark writes them).
 * Every juror user gets a live session row, so the bench can mint access tokens for it.
 */
import { sql, type DatabaseHandle } from './api'
import type { GenerateOptions } from './generate-data'

export const JURY_EMAIL_DOMAIN = 'bench.localhost'

export interface JuryIds {
  rankingChallengeId: string
  rankingRoundId: string
  scoringChallengeId: string
  scoringRoundId: string
}

type Exec = DatabaseHandle['db']['execute']

async function one<T>(execute: Exec, query: ReturnType<typeof sql>): Promise<T> {
  const result = (await execute(query)) as unknown as { rows: T[] }
  return result.rows[0]!
}

/** Removes what a previous run made, children first (proposals restrict their challenge's deletion). */
export async function deleteJuryData(db: DatabaseHandle['db']) {
  await db.execute(sql`delete from proposals where challenge_id in (select id from challenges where slug like 'bench-%')`)
  await db.execute(sql`delete from users where email like ${'%@' + JURY_EMAIL_DOMAIN}`)
}

export async function generateJuryData(handle: DatabaseHandle, options: GenerateOptions, municipalityId: string, log: (line: string) => void) {
  const { db } = handle
  const execute: Exec = db.execute.bind(db)
  const started = performance.now()
  const users = Math.max(options.panel, options.scoringJurors)
  await db.execute(sql`create table bench.users (idx int primary key, id uuid not null)`)
  await db.execute(sql`
    with made as (
      insert into users (email, name)
      select 'juror-' || i || ${'@' + JURY_EMAIL_DOMAIN}, 'Bench Jurylid ' || i from generate_series(0, ${users - 1}::int) i
      returning id, email)
    insert into bench.users select split_part(split_part(email, '@', 1), '-', 2)::int, id from made`)
  await db.execute(sql`insert into auth_sessions (user_id, expires_at) select id, now() + interval '10 years' from bench.users`)

  const enterprises = Math.max(options.proposals, options.scoringProposals)
  await db.execute(sql`create table bench.enterprises (idx int primary key, id uuid not null)`)
  await db.execute(sql`
    with made as (
      insert into organisations (kind, name, slug)
      select 'enterprise', 'Bench Onderneming ' || i, 'bench-onderneming-' || i from generate_series(0, ${enterprises - 1}::int) i
      returning id, slug)
    insert into bench.enterprises select split_part(slug, '-', 3)::int, id from made`)

  const ids = {} as JuryIds
  for (const kind of ['ranking', 'scoring'] as const) {
    const proposals = kind === 'ranking' ? options.proposals : options.scoringProposals
    const jurors = kind === 'ranking' ? options.panel : options.scoringJurors
    const challenge = await one<{ id: string }>(
      execute,
      sql`insert into challenges (municipality_id, slug, title, summary, problem_statement, desired_outcome, sdg_goals, contract_kind, contract_value_cents,
            publish_at, published_at, questions_deadline, submission_deadline, decision_at, status)
          values (${municipalityId}, ${'bench-jury-' + kind}, ${'Bench jury ' + kind}, 'Bench', 'Bench', 'Bench', '{3}', 'prize', 100000,
            now() - interval '60 days', now() - interval '60 days', now() - interval '40 days', now() - interval '30 days', now() + interval '30 days', 'published')
          returning id`,
    )
    await db.execute(sql`create table ${sql.raw(`bench.${kind}_proposals`)} (idx int primary key, id uuid not null)`)
    await db.execute(sql`
      with made as (
        insert into proposals (challenge_id, lead_enterprise_id, status, title)
        select ${challenge.id}, e.id, 'submitted', 'Voorstel ' || e.idx from bench.enterprises e where e.idx < ${proposals}
        returning id, title)
      insert into ${sql.raw(`bench.${kind}_proposals`)} select split_part(title, ' ', 2)::int, id from made`)
    await db.execute(sql`create table ${sql.raw(`bench.${kind}_members`)} (idx int primary key, id uuid not null)`)
    await db.execute(sql`
      with made as (
        insert into jury_members (challenge_id, email, user_id, is_chair, invitation_expires_at, accepted_at)
        select ${challenge.id}, 'juror-' || u.idx || ${'@' + JURY_EMAIL_DOMAIN}, u.id, u.idx = 0, now(), now() - interval '20 days' from bench.users u where u.idx < ${jurors}
        returning id, email)
      insert into ${sql.raw(`bench.${kind}_members`)} select split_part(split_part(email, '@', 1), '-', 2)::int, id from made`)
    const round = await one<{ id: string }>(
      execute,
      kind === 'ranking'
        ? sql`insert into jury_rounds (challenge_id, position, kind, name, calibrate, aggregation, status, deliberation_opened_at)
              values (${challenge.id}, 1, 'written', 'Bench ranking', true, 'trimmed_mean', 'deliberation', now()) returning id`
        : sql`insert into jury_rounds (challenge_id, position, kind, name, status, jurors_per_proposal, max_load)
              values (${challenge.id}, 1, 'pitch', 'Bench pitch', 'scoring', ${jurors}, ${proposals}) returning id`,
    )
    // Weights 1…n, a threshold on the first criterion, one SDG each: as benchmark 3 has always computed.
    await db.execute(sql`create table ${sql.raw(`bench.${kind}_criteria`)} (idx int primary key, id uuid not null)`)
    await db.execute(sql`
      with made as (
        insert into jury_criteria (round_id, position, name, weight, scale_min, scale_max, threshold, sdg_goals)
        select ${round.id}, c, 'Criterium ' || c, c + 1, 0, 10, case when c = 0 then 2 else null end, array[1 + c % 3]
        from generate_series(0, ${options.criteria - 1}::int) c
        returning id, position)
      insert into ${sql.raw(`bench.${kind}_criteria`)} select position, id from made`)
    await db.execute(sql`insert into jury_round_proposals (round_id, proposal_id) select ${round.id}, id from ${sql.raw(`bench.${kind}_proposals`)}`)
    if (kind === 'ranking') {
      ids.rankingChallengeId = challenge.id
      ids.rankingRoundId = round.id
      for (let from = 0; from < proposals; from += 500) {
        await db.execute(sql`
          insert into jury_scorecards (round_id, proposal_id, member_id, scores, status, submitted_at, has_scores)
          select ${round.id}, p.id, m.id, jsonb_object_agg(c.id::text, jsonb_build_object('score', s.score, 'comment', null)), 'submitted', now(), true
          from bench.scores s
          join bench.ranking_proposals p on p.idx = s.proposal_id
          join bench.ranking_members m on m.idx = s.juror_id
          join bench.ranking_criteria c on c.idx = s.criterion_id
          where s.proposal_id >= ${from} and s.proposal_id < ${from + 500}
          group by p.id, m.id`)
      }
    } else {
      ids.scoringChallengeId = challenge.id
      ids.scoringRoundId = round.id
      await db.execute(sql`
        insert into jury_assignments (round_id, proposal_id, member_id)
        select ${round.id}, p.id, m.id from bench.scoring_proposals p cross join bench.scoring_members m`)
    }
  }
  await db.execute(sql`analyze jury_scorecards`)
  await db.execute(sql`insert into bench.jury (ids) values (${JSON.stringify(ids)}::jsonb)`)
  log(`jury: ${options.proposals * options.panel} scorecards, ${options.scoringJurors} scoring jurors in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return ids
}

export async function readJuryIds(db: DatabaseHandle['db']): Promise<JuryIds> {
  const row = await one<{ ids: JuryIds | string }>(db.execute.bind(db), sql`select ids from bench.jury limit 1`)
  return typeof row.ids === 'string' ? (JSON.parse(row.ids) as JuryIds) : row.ids
}
