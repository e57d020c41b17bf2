/**
 * The baseline for the catalogue: a minimal Fastify server running the identical SQL (text and
 * parameters captured from the app's own query) on a pg pool of the same size. Rows go out as they come.
 * argv: <databaseUrl> <poolSize> <base64url JSON {text, params}>
 */
import Fastify from 'fastify'
import pg from 'pg'

const [databaseUrl, poolSize, encoded] = process.argv.slice(2)
const query = JSON.parse(Buffer.from(encoded!, 'base64url').toString('utf8')) as { text: string; params: unknown[] }
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize) })
const app = Fastify()
app.get('/api/v1/challenges', async () => ({ items: (await pool.query(query.text, query.params)).rows }))
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)))
