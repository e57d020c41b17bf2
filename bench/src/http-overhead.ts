/**
 * 1. API overhead, each pair measured in the same run with autocannon (in this process) against a
 * server in its own process:
 *   - GET /api/v1/challenges?limit=20&sdg=3 on the real app vs a bare Fastify + pg handler running the
 *     identical SQL (captured from the app's query) with the same pool size (PostgreSQL only);
 *   - a no-database JSON route on the app with every plugin vs bare node:http;
 *   - the same JSON route behind app.authenticate (bearer token) vs without.
 */
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { listPublicChallenges } from './api'
import { median, openDatabase, type DriverChoice } from './lib'
import { cpuMsOf, startServer, type Server } from './processes'
import { fmt, ratio, type Row } from './results'

/** createDatabase's default, which server.ts keeps: the baseline gets the same. */
const POOL_SIZE = 10
const CONNECTIONS = 10
export const CATALOGUE_PATH = '/api/v1/challenges?limit=20&sdg=3'
/** The no-database JSON route every bench server answers (1c, 1d, 1f, 1g). */
const JSON_PATH = '/api/v1/bench/json'

interface Load {
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  /** The server process's CPU time per request in µs (/proc, 10 ms ticks): unlike req/s, it does not move with how busy the machine is. */
  cpuUs: number
}

async function load(server: Server, path: string, seconds: number, headers: Record<string, string> = {}): Promise<Load> {
  const url = server.url + path
  // A short warm-up first: JIT, pool connections and prepared plans should not count.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers })
  const cpuBefore = cpuMsOf(server.pid)
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  const cpuUs = ((cpuMsOf(server.pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, cpuUs }
}

/** The SQL text, parameters and statement name (if prepared) the app sends for the catalogue page, read off the pg pool. */
export async function captureCatalogueSql(choice: DriverChoice & { kind: 'pg' }) {
  const handle = await openDatabase(choice)
  try {
    const pool = (handle.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client
    const seen: { text: string; params: unknown[]; name?: string }[] = []
    const original = pool.query.bind(pool)
    pool.query = (...args: unknown[]) => {
      const [first, second] = args as [string | { text: string; values?: unknown[]; name?: string }, unknown[] | undefined]
      seen.push(typeof first === 'string' ? { text: first, params: second ?? [] } : { text: first.text, params: second ?? first.values ?? [], ...(first.name ? { name: first.name } : {}) })
      return original(...args)
    }
    await listPublicChallenges(handle.db, { limit: 20, sdg: 3 }, new Date())
    if (seen.length !== 1) throw new Error(`expected one catalogue query, saw ${seen.length}`)
    return seen[0]!
  } finally {
    await handle.close()
  }
}

const check = (what: string, loads: Load[]) => {
  const bad = loads.reduce((n, l) => n + l.non2xx + l.errors, 0)
  return bad ? `${what}: ${bad} non-2xx or errors` : ''
}

/** Median of each figure over the rounds: robust against a neighbour's burst on a shared machine. */
function medianLoad(loads: Load[]): Load {
  const mid = (pick: (l: Load) => number) => median(loads.map(pick))
  return { rps: mid((l) => l.rps), p50: mid((l) => l.p50), p99: mid((l) => l.p99), non2xx: mid((l) => l.non2xx), errors: mid((l) => l.errors), cpuUs: mid((l) => l.cpuUs) }
}

/**
 * Both sides of a pair run alternately (A B A B …), each with its own warm-up, so background load on
 * the machine falls on both alike; every server stays up for the whole benchmark.
 */
async function pair(rounds: number, a: () => Promise<Load>, b: () => Promise<Load>) {
  const as: Load[] = []
  const bs: Load[] = []
  for (let i = 0; i < rounds; i++) {
    as.push(await a())
    bs.push(await b())
  }
  return { a: medianLoad(as), b: medianLoad(bs), all: { a: as, b: bs } }
}

type Pair = Awaited<ReturnType<typeof pair>>

/** A row comparing the requests/s of two sides measured in one run: `min` makes it a goal, else a figure. */
function throughputRow(id: string, name: string, p: Pair, goal: { min: number } | { label: string }, extra: Partial<Row> = {}): Row {
  return {
    id,
    name,
    figure: `${fmt(p.a.rps, 0)} req/s`,
    baseline: `${fmt(p.b.rps, 0)} req/s`,
    ratio: ratio(p.a.rps, p.b.rps),
    goal: 'min' in goal ? `≥ ${goal.min.toFixed(2)}×` : goal.label,
    met: 'min' in goal ? p.a.rps / p.b.rps >= goal.min : null,
    data: p,
    ...extra,
  }
}

/** The app harness's environment: production mode, no demo data, rate limits out of the way of the load. */
export function benchEnv(choice: DriverChoice): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(choice.kind === 'pg' ? { DATABASE_URL: choice.url } : { DATA_DIR: choice.dataDir, DATABASE_URL: '' }),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SEED_DEMO: 'false',
    // The limits protect production from abuse; here they would only measure 429s.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
    // Production scrapes /metrics: with the token set, every request is counted, as there.
    METRICS_TOKEN: 'bench-metrics-token-0123456789',
    NODE_ENV: 'production',
  }
}

/** A fresh copy of a data folder's PGlite database (not its lock), for a second process; returns the copy. */
function copyDataDir(from: string, to: string): string {
  rmSync(to, { recursive: true, force: true })
  cpSync(join(from, 'pglite'), join(to, 'pglite'), { recursive: true })
  return to
}

export async function benchHttpOverhead({ choice, seconds, rounds }: { choice: DriverChoice; seconds: number; rounds: number }): Promise<Row[]> {
  const captured = choice.kind === 'pg' ? await captureCatalogueSql(choice) : null
  const env = benchEnv(choice)
  // PGlite is one process's database: the second app instance gets its own copy of the folder (before
  // either starts). Until round 15 both opened one folder, which corrupted it (db/data-dir-lock.ts).
  const quietDir = choice.kind === 'pglite' ? copyDataDir(choice.dataDir, `${choice.dataDir}-quiet`) : null
  const quietEnv = quietDir ? benchEnv({ kind: 'pglite', dataDir: quietDir }) : env
  const servers: Server[] = []
  try {
    const app = await startServer('app-harness.ts', [], env)
    servers.push(app)
    const http = await startServer('bare-http.ts', [], process.env)
    servers.push(http)
    const bare = captured && choice.kind === 'pg'
      ? await startServer('bare-fastify-pg.ts', [choice.url, String(POOL_SIZE), Buffer.from(JSON.stringify(captured)).toString('base64url')], process.env)
      : null
    if (bare) servers.push(bare)
    // The same app with request logging off (LOG_LEVEL=warn): how much of 1c the two log lines per request cost.
    const quiet = await startServer('app-harness.ts', [], { ...quietEnv, LOG_LEVEL: 'warn' })
    servers.push(quiet)
    const fastify = await startServer('bare-fastify.ts', [], process.env)
    servers.push(fastify)

    const page = (await (await fetch(app.url + CATALOGUE_PATH)).json()) as { items?: unknown[] }
    const barePage = bare ? ((await (await fetch(bare.url + '/api/v1/challenges')).json()) as { items?: unknown[] }) : null
    const email = `bench-${Date.now()}@bench.example`
    const reg = await fetch(app.url + '/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'fiets-molen-kaas-42', name: 'Bench Gebruiker' }),
    })
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`)
    const auth = { authorization: `Bearer ${((await reg.json()) as { accessToken: string }).accessToken}` }

    const run = (server: Server, path: string, headers: Record<string, string> = {}) => () => load(server, path, seconds, headers)
    const none = async (): Promise<Load> => ({ rps: NaN, p50: NaN, p99: NaN, non2xx: 0, errors: 0, cpuUs: NaN })
    const catalogue = await pair(rounds, run(app, CATALOGUE_PATH), bare ? run(bare, '/api/v1/challenges') : none)
    const json = await pair(rounds, run(app, JSON_PATH), run(http, JSON_PATH))
    const authPair = await pair(rounds, run(app, '/api/v1/bench/json-auth', auth), run(app, JSON_PATH))
    const meHealth = await pair(rounds, run(app, '/api/v1/me', auth), run(app, '/api/v1/health'))
    const fastifyFloor = await pair(rounds, run(fastify, JSON_PATH), run(http, JSON_PATH))
    const logging = await pair(rounds, run(quiet, JSON_PATH), run(app, JSON_PATH))

    const na = 'n/a (PGlite: no pg baseline)'
    const problems = [
      check('app catalogue', catalogue.all.a),
      check('bare catalogue', catalogue.all.b),
      check('app json', json.all.a),
      check('json-auth', authPair.all.a),
      check('/me', meHealth.all.a),
      check('/health', meHealth.all.b),
    ].filter(Boolean)
    const perRound = (loads: Load[]) => loads.map((l) => fmt(l.rps, 0)).join('/')
    const cpu = (p: Pair) => `server CPU per request ${fmt(p.a.cpuUs, 1)} µs against ${fmt(p.b.cpuUs, 1)} µs`
    return [
      {
        id: '1a',
        name: 'catalogue req/s (app vs Fastify+pg)',
        figure: `${fmt(catalogue.a.rps, 0)} req/s`,
        baseline: bare ? `${fmt(catalogue.b.rps, 0)} req/s` : na,
        ratio: bare ? ratio(catalogue.a.rps, catalogue.b.rps) : 'n/a',
        goal: '≥ 0.60×',
        met: bare ? catalogue.a.rps / catalogue.b.rps >= 0.6 : null,
        note: [
          `app ${page.items?.length ?? '?'} items per page${barePage ? `, bare ${barePage.items?.length ?? '?'} rows (limit + 1, as the app fetches)` : ''}`,
          ...(captured ? [captured.name ? `both sides run it as the prepared statement ${captured.name}` : 'both sides run it unprepared'] : []),
          `req/s per round app ${perRound(catalogue.all.a)}${bare ? `, bare ${perRound(catalogue.all.b)}` : ''}`,
          `the app process's CPU per request ${fmt(catalogue.a.cpuUs, 0)} µs${bare ? `, the bare server's ${fmt(catalogue.b.cpuUs, 0)} µs` : ''} (PostgreSQL's own work not counted)`,
          ...problems,
        ].join('; '),
        data: { ...catalogue, sql: captured?.text, params: captured?.params, statement: captured?.name ?? null },
      },
      {
        id: '1b',
        name: 'catalogue p99 (app vs Fastify+pg)',
        figure: `${fmt(catalogue.a.p99, 0)} ms`,
        baseline: bare ? `${fmt(catalogue.b.p99, 0)} ms` : na,
        ratio: bare ? ratio(catalogue.a.p99, Math.max(1, catalogue.b.p99)) : 'n/a',
        goal: '≤ 1.50×',
        met: bare ? catalogue.a.p99 / Math.max(1, catalogue.b.p99) <= 1.5 : null,
      },
      throughputRow('1c', 'no-db JSON route (app vs node:http)', json, { min: 0.85 }, { note: `req/s per round app ${perRound(json.all.a)}, node:http ${perRound(json.all.b)}; server CPU per request in 1h` }),
      throughputRow('1d', 'same JSON route, bearer auth vs none', authPair, { min: 0.85 }, { note: cpu(authPair) }),
      throughputRow('1e', 'GET /me (token) vs GET /health', meHealth, { label: '(info)' }, { note: cpu(meHealth) }),
      throughputRow('1f', 'JSON route, LOG_LEVEL=warn vs info (default)', logging, { label: '(attribution)' }, { note: `not a goal: tells how much of 1c is request logging; ${cpu(logging)}` }),
      throughputRow('1g', 'JSON route, bare Fastify vs node:http', fastifyFloor, { label: '(attribution)' }, { note: `not a goal: Fastify's own share of 1c; the rest is the app's plugins and logging; ${cpu(fastifyFloor)}` }),
      {
        id: '1h',
        name: "JSON route, the app's CPU per request over node:http",
        figure: `+${fmt(json.a.cpuUs - json.b.cpuUs, 1)} µs`,
        baseline: `${fmt(json.b.cpuUs, 1)} µs`,
        ratio: ratio(json.a.cpuUs, json.b.cpuUs),
        goal: '(attribution)',
        met: null,
        note: "not a goal: what every request pays for the production plugins, in the server's CPU time (medians of 1c's rounds); compare with a real route's cost (1a)",
        data: { app: json.all.a.map((l) => l.cpuUs), http: json.all.b.map((l) => l.cpuUs) },
      },
    ]
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    if (quietDir) rmSync(quietDir, { recursive: true, force: true })
  }
}
