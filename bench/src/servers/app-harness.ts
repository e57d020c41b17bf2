/**
 * The real app (buildApp with every plugin) in its own process, plus two bench-only routes that do no
 * database work: /api/v1/bench/json (public) and /api/v1/bench/json-auth (app.authenticate). Both have
 * a response schema, as every route of the app does. /api/v1/bench/tokens signs access tokens for
 * session rows the data generator made (benchmarks 2 and 5). Settings come from the environment as in
 * server.ts; the parent raises the rate limits, which would otherwise answer 429 to the load.
 * Prints `listening <port>` on stdout once ready; the logger writes to stdout too and the parent discards it.
 */
import { buildApp, createDatabase, loadConfig } from '../api'

const config = loadConfig()
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
// As server.ts does at start (PGlite has no autovacuum).
await database.refreshStatistics()
const app = await buildApp({ config, db: database.db })
const Json = { type: 'object', properties: { status: { type: 'string' }, at: { type: 'string' } } } as const
app.get('/api/v1/bench/json', { schema: { hide: true, response: { 200: Json } } }, async () => ({ status: 'ok', at: 'bench' }))
app.get('/api/v1/bench/json-auth', { schema: { hide: true, response: { 200: Json } }, preHandler: app.authenticate }, async () => ({ status: 'ok', at: 'bench' }))
// Benchmarks 2 and 5 act as the generated jurors: access tokens for their session rows, signed as login does.
const Pairs = { type: 'object', required: ['pairs'], properties: { pairs: { type: 'array', items: { type: 'object', required: ['sub', 'sid'], properties: { sub: { type: 'string' }, sid: { type: 'string' } } } } } } as const
const Tokens = { type: 'object', properties: { tokens: { type: 'array', items: { type: 'string' } } } } as const
app.post('/api/v1/bench/tokens', { schema: { hide: true, body: Pairs, response: { 200: Tokens } } }, async (request) => ({
  tokens: (request.body as { pairs: { sub: string; sid: string }[] }).pairs.map((p) => app.jwt.sign({ sub: p.sub, sid: p.sid })),
}))
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => void app.close().then(() => database.close()).then(() => process.exit(0)))
