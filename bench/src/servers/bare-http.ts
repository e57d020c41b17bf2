/** The floor for a JSON route: node:http and JSON.stringify, nothing else. */
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  if (req.url === '/api/v1/bench/json') {
    const body = JSON.stringify({ status: 'ok', at: 'bench' })
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  } else {
    res.writeHead(404).end()
  }
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stderr.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
