import { monitorEventLoopDelay } from 'node:perf_hooks'
/**
 * 2. Scoring under load and 5. the scores export, both through the real API (the app harness in its
 * own process, every plugin, a bearer token per juror minted for the generated session rows).
 *
 * 2: `scoringJurors` jurors autosave at once: each opens (GET, not timed) and then PUTs its scorecard
 *    for one of its pitch-round proposals with the version it last got back, waits a think time (uniform 1–3 s, an autosave after
 *    a pause in typing), and goes on to its next proposal, for the whole run. The first WARMUP_MS are a
 *    warm-up, as autocannon's in benchmark 1: every juror arrives (spread over 2 s), opens a card and saves
 *    it once while the freshly started app compiles its hot paths, connects its pool, and checks 300 tokens
 *    and sessions for the first time; those saves count for lost writes and errors but not for the
 *    latencies, whose warm-up figures are in the note. Afterwards every card is
 *    read back through GET …/scorecard with the juror's own token: a card whose stored version or
 *    scores differ from the last acknowledged save is a lost write.
 * 5: GET …/results/export?detail=scores (every submitted score of the ranking round as CSV, streamed)
 *    read to the end by the chair, vs a bare `pg` cursor (DECLARE … FETCH 2,000) over the same SELECT;
 *    the app process's resident memory is sampled every 20 ms for its growth.
 */
import pg from 'pg'
import { openDatabase, percentile, queryRows, sql, type DriverChoice } from './lib'
import { readJuryIds, type JuryIds } from './generate-jury'
import { cpuMsOf, rssOf, startServer, type Server } from './processes'
import { fmt, ratio, type Row } from './results'
import { benchEnv } from './http-overhead'

interface Seat {
  userId: string
  sessionId: string
  memberIdx: number
}

interface Setup {
  ids: JuryIds
  jurors: Seat[]
  chair: Seat
  criteria: string[]
  proposals: string[]
}

/** Reads what the generator made and empties the pitch round's scorecards; closes before the app opens (PGlite is one process). */
async function prepare(choice: DriverChoice): Promise<Setup> {
  const handle = await openDatabase(choice)
  try {
    const ids = await readJuryIds(handle.db)
    await handle.db.execute(sql`delete from jury_scorecards where round_id = ${ids.scoringRoundId}`)
    await handle.db.execute(sql`delete from jury_round_results where round_id = ${ids.rankingRoundId}`)
    const seats = (challengeId: string) =>
      queryRows<{ user_id: string; session_id: string; is_chair: boolean }>(
        handle.db,
        sql`select m.user_id, s.id as session_id, m.is_chair from jury_members m join auth_sessions s on s.user_id = m.user_id where m.challenge_id = ${challengeId} order by m.created_at, m.id`,
      )
    const jurors = (await seats(ids.scoringChallengeId)).map((r, i) => ({ userId: r.user_id, sessionId: r.session_id, memberIdx: i }))
    const chairRow = (await seats(ids.rankingChallengeId)).find((r) => r.is_chair)!
    const criteria = (await queryRows<{ id: string }>(handle.db, sql`select id from jury_criteria where round_id = ${ids.scoringRoundId} order by position`)).map((r) => r.id)
    const proposals = (await queryRows<{ proposal_id: string }>(handle.db, sql`select proposal_id from jury_round_proposals where round_id = ${ids.scoringRoundId} order by proposal_id`)).map((r) => r.proposal_id)
    return { ids, jurors, chair: { userId: chairRow.user_id, sessionId: chairRow.session_id, memberIdx: 0 }, criteria, proposals }
  } finally {
    await handle.close()
  }
}

async function mint(app: Server, seats: Seat[]): Promise<string[]> {
  const res = await fetch(`${app.url}/api/v1/bench/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairs: seats.map((s) => ({ sub: s.userId, sid: s.sessionId })) }) })
  if (!res.ok) throw new Error(`minting tokens failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { tokens: string[] }).tokens
}

interface Acked {
  version: number
  scores: Record<string, { score: number | null; comment: string | null }>
}

/** Juror arrival (2 s) plus one longest think time (3 s): by then every juror has opened and saved once. */
const WARMUP_MS = 5_000

async function scoringLoad(app: Server, setup: Setup, seconds: number) {
  const tokens = await mint(app, setup.jurors)
  const acked = new Map<string, Acked>()
  const opened = new Map<string, number>()
  const latencies: number[] = []
  const warmupLatencies: number[] = []
  const failures = new Map<string, number>()
  const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1)
  const wall = performance.now()
  const measureFrom = wall + WARMUP_MS
  const until = measureFrom + seconds * 1000
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const juror = async (j: number) => {
    const auth = { authorization: `Bearer ${tokens[j]}`, 'content-type': 'application/json' }
    // Jurors start spread over the first think time, as a room does.
    await sleep(Math.random() * 2000)
    for (let n = j; performance.now() < until; n++) {
      const proposalId = setup.proposals[n % setup.proposals.length]!
      const key = `${j}:${proposalId}`
      const url = `${app.url}/api/v1/jury-rounds/${setup.ids.scoringRoundId}/proposals/${proposalId}/scorecard`
      // A juror opens a card before typing in it: the version to save against comes from that read.
      if (!opened.has(key)) {
        const res = await fetch(url, { headers: { authorization: auth.authorization } })
        if (res.status === 200) opened.set(key, ((await res.json()) as { version: number }).version)
        else fail(`open: HTTP ${res.status}`)
      }
      const version = acked.get(key)?.version ?? opened.get(key) ?? 0
      const scores = Object.fromEntries(setup.criteria.map((c, i) => [c, { score: (n + i * 3 + j) % 11, comment: i === 0 ? `Opmerking ${n}` : null }]))
      const started = performance.now()
      try {
        const res = await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify({ version, scores }) })
        const body = (await res.json()) as { version?: number }
        ;(started < measureFrom ? warmupLatencies : latencies).push(performance.now() - started)
        if (res.status === 200) acked.set(key, { version: body.version!, scores })
        else fail(`HTTP ${res.status}`)
      } catch (error) {
        ;(started < measureFrom ? warmupLatencies : latencies).push(performance.now() - started)
        fail(String((error as Error).cause ?? error).slice(0, 80))
      }
      await sleep(1000 + Math.random() * 2000)
    }
  }
  // The app's CPU per save does not depend on how busy the machine is, unlike the latencies.
  let cpuBefore = NaN
  const warmedUp = setTimeout(() => (cpuBefore = cpuMsOf(app.pid)), WARMUP_MS)
  // The load generator shares the machine: a stall of its own event loop shows up as latency of the app.
  const clientDelay = monitorEventLoopDelay({ resolution: 10 })
  clientDelay.enable()
  await Promise.all(setup.jurors.map((_, j) => juror(j)))
  clearTimeout(warmedUp)
  clientDelay.disable()
  const wallMs = performance.now() - measureFrom
  // Requests started before the timer fired but answered after it add a little CPU to the measured window.
  const cpuPerSave = (cpuMsOf(app.pid) - cpuBefore) / latencies.length

  // Read back every acknowledged card through the API, as its juror.
  let lost = 0
  let readFailures = 0
  const keys = [...acked.keys()]
  for (let from = 0; from < keys.length; from += 50) {
    await Promise.all(
      keys.slice(from, from + 50).map(async (key) => {
        const [j, proposalId] = key.split(':') as [string, string]
        const res = await fetch(`${app.url}/api/v1/jury-rounds/${setup.ids.scoringRoundId}/proposals/${proposalId}/scorecard`, { headers: { authorization: `Bearer ${tokens[Number(j)]}` } })
        if (res.status !== 200) return void readFailures++
        const card = (await res.json()) as Acked
        const want = acked.get(key)!
        const same = card.version === want.version && setup.criteria.every((c) => card.scores[c]?.score === want.scores[c]!.score && (card.scores[c]?.comment ?? null) === want.scores[c]!.comment)
        if (!same) lost++
      }),
    )
  }
  const sorted = [...latencies].sort((a, b) => a - b)
  const warmup = [...warmupLatencies].sort((a, b) => a - b)
  const errors = [...failures.values()].reduce((a, b) => a + b, 0)
  return { saves: latencies.length, acked: acked.size, wallMs, cpuPerSave, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, warmup: { saves: warmup.length, p50: percentile(warmup, 50), p99: percentile(warmup, 99), max: warmup.at(-1) ?? NaN }, clientDelayP99: clientDelay.percentile(99) / 1e6, clientDelayMax: clientDelay.max / 1e6, errors, failures: Object.fromEntries(failures), lost, readFailures }
}

/** One juror saving back to back: the latency of a save when nothing queues, and its CPU cost. */
async function sequentialSaves(app: Server, setup: Setup, count: number) {
  const [token] = await mint(app, [setup.jurors.at(-1)!])
  const proposalId = setup.proposals[0]!
  let version = 0
  const times: number[] = []
  const cpuBefore = cpuMsOf(app.pid)
  for (let n = 0; n < count; n++) {
    const scores = Object.fromEntries(setup.criteria.map((c, i) => [c, { score: (n + i) % 11, comment: null }]))
    const started = performance.now()
    const res = await fetch(`${app.url}/api/v1/jury-rounds/${setup.ids.scoringRoundId}/proposals/${proposalId}/scorecard`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ version, scores }) })
    const body = (await res.json()) as { version: number }
    if (res.status !== 200) throw new Error(`sequential save: HTTP ${res.status}`)
    version = body.version
    times.push(performance.now() - started)
  }
  const sorted = times.slice(Math.min(10, count - 1)).sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuPerSave: (cpuMsOf(app.pid) - cpuBefore) / count }
}

async function exportScores(app: Server, setup: Setup) {
  const [token] = await mint(app, [setup.chair])
  const url = `${app.url}/api/v1/jury-rounds/${setup.ids.rankingRoundId}/results/export?detail=scores`
  const before = rssOf(app.pid)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(app.pid))), 20)
  const started = performance.now()
  let bytes = 0
  let lines = 0
  let firstByteMs = NaN
  let status = 0
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    status = res.status
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started
      bytes += chunk.length
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++
    }
  } finally {
    clearInterval(sampler)
  }
  peak = Math.max(peak, rssOf(app.pid))
  return { ms: performance.now() - started, firstByteMs, bytes, lines, status, rssBefore: before, rssPeak: peak, growth: peak - before }
}

/** The baseline: the export's SELECT through a bare pg cursor, rows read and dropped. */
async function cursorRead(url: string, roundId: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = performance.now()
  let rows = 0
  try {
    await client.query('begin')
    await client.query(`declare scores no scroll cursor for select proposal_id, member_id, scores from jury_scorecards where round_id = $1 and status = 'submitted' order by proposal_id, member_id`, [roundId])
    for (;;) {
      const batch = await client.query('fetch 2000 from scores')
      if (batch.rowCount === 0) break
      rows += batch.rowCount ?? 0
    }
    await client.query('commit')
  } finally {
    await client.end()
  }
  return { ms: performance.now() - started, rows }
}

export async function benchJuryLoad({ choice, seconds, only, sequential = 100 }: { choice: DriverChoice; seconds: number; only: (id: string) => boolean; sequential?: number }): Promise<Row[]> {
  const setup = await prepare(choice)
  const app = await startServer('app-harness.ts', [], benchEnv(choice))
  const rows: Row[] = []
  try {
    if (only('2')) {
      const alone = await sequentialSaves(app, setup, sequential)
      const s = await scoringLoad(app, setup, seconds)
      const met = s.p99 <= 50 && s.errors === 0 && s.lost === 0 && s.readFailures === 0
      rows.push({
        id: '2',
        name: `${setup.jurors.length} jurors autosaving scorecards`,
        figure: `p99 ${fmt(s.p99, 0)} ms, ${s.errors} errors, ${s.lost} lost`,
        baseline: '–',
        ratio: '–',
        goal: 'p99 ≤ 50 ms, 0 errors, 0 lost',
        met,
        note: `${s.saves} saves in ${fmt(s.wallMs / 1000, 1)} s (${fmt(s.saves / (s.wallMs / 1000), 0)}/s) by ${setup.jurors.length} jurors on ${setup.proposals.length} proposals × ${setup.criteria.length} criteria, think time 1–3 s; app CPU ${fmt(s.cpuPerSave, 1)} ms per save; p50 ${fmt(s.p50, 0)} ms, p95 ${fmt(s.p95, 0)} ms, max ${fmt(s.max, 0)} ms after a ${WARMUP_MS / 1000} s warm-up (${s.warmup.saves} saves, p50 ${fmt(s.warmup.p50, 0)} ms, p99 ${fmt(s.warmup.p99, 0)} ms, max ${fmt(s.warmup.max, 0)} ms); the load generator's own event-loop delay p99 ${fmt(s.clientDelayP99, 0)} ms, max ${fmt(s.clientDelayMax, 0)} ms; ${s.acked} cards read back, ${s.lost} differing, ${s.readFailures} unreadable${s.errors ? `; failures ${JSON.stringify(s.failures)}` : ''}`,
        data: { ...s, sequential: alone },
      })
      rows.push({
        id: '2b',
        name: 'one juror saving back to back (no queue)',
        figure: `p50 ${fmt(alone.p50, 1)} ms, p99 ${fmt(alone.p99, 1)} ms`,
        baseline: '–',
        ratio: '–',
        goal: '(attribution)',
        met: null,
        note: `app CPU ${fmt(alone.cpuPerSave, 1)} ms per save: ${setup.jurors.length} jurors at one save per 2 s need ${fmt((setup.jurors.length / 2) * alone.cpuPerSave / 10, 0)} % of a core`,
        data: alone,
      })
    }
    if (only('5')) {
      const e = await exportScores(app, setup)
      const base = choice.kind === 'pg' ? await cursorRead(choice.url, setup.ids.rankingRoundId) : null
      const mb = (n: number) => n / 1024 / 1024
      const okRatio = base ? e.ms / base.ms <= 2 : null
      rows.push({
        id: '5',
        name: `CSV export of ${e.lines - 1} scores vs pg cursor`,
        figure: e.status === 200 ? `${fmt(e.ms, 0)} ms, +${fmt(mb(e.growth), 0)} MB` : `HTTP ${e.status}`,
        baseline: base ? `${fmt(base.ms, 0)} ms` : 'n/a (PGlite: no pg cursor)',
        ratio: base ? ratio(e.ms, base.ms) : 'n/a',
        goal: '≤ 2×, memory ≤ 100 MB',
        met: e.status === 200 && mb(e.growth) <= 100 && okRatio !== false ? (okRatio === null ? null : true) : false,
        note: `${fmt(mb(e.bytes), 1)} MB of CSV, first byte after ${fmt(e.firstByteMs, 0)} ms; app RSS ${fmt(mb(e.rssBefore), 0)} → peak ${fmt(mb(e.rssPeak), 0)} MB${base ? `; cursor read ${base.rows} scorecards` : ''}`,
        data: { ...e, baseline: base },
      })
    }
  } finally {
    await app.stop()
  }
  return rows
}
