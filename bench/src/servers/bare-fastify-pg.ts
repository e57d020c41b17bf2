/**
 * The baseline for the catalogue: a minimal Fastify server running the identical SQL (text and
 * parameters captured from the app's own query) on a pg pool of the same size. Rows go out as they come.
 * When the app sends it as a named prepared statement, so does this server (same name): PostgreSQL then
 * parses and plans it as seldom for both sides, and the pair compares what the servers themselves do.
 * argv: <databaseUrl> <poolSize> <base64url JSON {text, params, name?}>
 */
import Fastify from 'fastify'
import pg from 'pg'

const [databaseUrl, poolSize, encoded] = process.argv.slice(2)
const query = JSON.parse(Buffer.from(encoded!, 'base64url').toString('utf8')) as { text: string; params: unknown[]; name?: string }
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize) })
const app = Fastify()
const config = { text: query.text, values: query.params, ...(query.name ? { name: query.name } : {}) }
app.get('/api/v1/challenges', async () => ({ items: (await pool.query(config)).rows }))
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)))
