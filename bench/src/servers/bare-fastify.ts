/** Fastify alone, no plugins, the same JSON route with the same response schema: Fastify's own share of 1c. */
import Fastify from 'fastify'

const app = Fastify()
const Json = { type: 'object', properties: { status: { type: 'string' }, at: { type: 'string' } } } as const
app.get('/api/v1/bench/json', { schema: { response: { 200: Json } } }, async () => ({ status: 'ok', at: 'bench' }))
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
