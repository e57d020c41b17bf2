import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import Fastify, { LogController } from 'fastify'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../../test/support/server-process'
import { createLogging } from './logging'
import { requestLogPlugin } from './request-log'

const apiRoot = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'opgave-logging-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('the production logger', () => {
  it('writes one request line per request, and request.log (made on first use) keeps the request id and the redaction', async () => {
    const file = join(dir, 'app.log')
    const logging = createLogging('info', pino.destination({ dest: file, sync: true }))
    const app = Fastify({ logger: logging.options, childLoggerFactory: logging.childLoggerFactory, requestIdHeader: 'x-request-id', logController: new LogController({ disableRequestLogging: true }) })
    await app.register(requestLogPlugin, { write: logging.requestLine })
    app.get('/quiet', async () => ({ ok: true }))
    app.get('/broken', async (_request, reply) => reply.code(503).send({ ok: false }))
    app.get('/noisy', async (request) => {
      request.log.warn({ email: 'iemand@example.nl', user: { password: 'geheim-wachtwoord' } }, 'something to note')
      return { ok: true }
    })
    await app.inject({ url: '/quiet', headers: { 'x-request-id': 'r-quiet' } })
    await app.inject({ url: '/noisy?token=abc', headers: { 'x-request-id': 'r-noisy' } })
    app.log.info('after the requests')
    await app.inject({ url: '/broken', headers: { 'x-request-id': 'r-broken' } })
    await app.close()
    // Lines are handed to the destination in batches (log-batch.ts); flush() hands over the last one.
    await logging.flush()
    const lines = readLines(file)
    const requests = lines.filter((l) => l.msg === 'request')
    expect(requests).toHaveLength(2)
    expect(lines.find((l) => l.msg === 'request failed')).toMatchObject({ level: 50, reqId: 'r-broken', status: 503 })
    // The same fields and format as pino's own lines.
    const own = lines.find((l) => l.msg === 'after the requests')!
    expect(Object.keys(own).slice(0, 4)).toEqual(['level', 'time', 'pid', 'hostname'])
    expect(own.hostname).toBe(requests[0]!.hostname)
    expect(requests[0]).toMatchObject({ level: 30, reqId: 'r-quiet', method: 'GET', url: '/quiet', route: '/quiet', status: 200, pid: process.pid })
    expect(Object.keys(requests[0]!)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'url', 'route', 'status', 'ms', 'msg'])
    expect(Math.abs((requests[0]!.time as number) - Date.now())).toBeLessThan(60_000)
    expect(requests[1]).toMatchObject({ url: '/noisy?token=***' })
    const note = lines.find((l) => l.msg === 'something to note')
    expect(note).toMatchObject({ level: 40, reqId: requests[1]!.reqId, email: '[Redacted]', user: { password: '[Redacted]' } })
    expect(readFileSync(file, 'utf8')).not.toMatch(/iemand@example|geheim-wachtwoord|token=abc/)
  })

  it('loses no buffered line when the process exits, whether it flushes first or not', async () => {
    const module = join(apiRoot, 'src/plugins/logging.ts')
    const script = (file: string, flushFirst: boolean) => `
      import { openSync, readFileSync } from 'node:fs'
      import pino from 'pino'
      import { createLogging } from ${JSON.stringify(module)}
      // As in production: an open descriptor (stdout there), asynchronous, buffered up to 32 KB.
      const logging = createLogging('info', pino.destination({ dest: openSync(${JSON.stringify(file)}, 'a'), sync: false, minLength: 32 * 1024, maxWrite: 64 * 1024, periodicFlush: 60_000 }))
      for (let i = 0; i < 50; i++) logging.requestLine({ reqId: String(i), method: 'GET', url: '/', route: '/', status: 200, ms: i }, false)
      // flush() has written everything by the time it resolves; without it pino's exit hook writes the rest.
      ${flushFirst ? `await logging.flush(); console.log(readFileSync(${JSON.stringify(file)}, 'utf8').split('\\n').filter(Boolean).length)` : ''}
      process.exit(0)
    `
    for (const flushFirst of [true, false]) {
      const file = join(dir, `exit-${flushFirst}.log`)
      const source = join(apiRoot, `.logging-exit-${process.pid}-${flushFirst}.mts`)
      writeFileSync(source, script(file, flushFirst))
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', source], { cwd: apiRoot })
        if (flushFirst) expect(stdout.trim()).toBe('50')
      } finally {
        rmSync(source, { force: true })
      }
      expect(readLines(file).map((l) => l.reqId)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)))
    }
  }, 60_000)

  it('the real server writes the last request line before it exits on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(dir, 'server-'))
    const server = await startServer({ LOG_LEVEL: 'info', DATA_DIR: dataDir, RUN_JOBS: 'false' })
    try {
      expect((await fetch(`${server.url}/api/v1/health`, { headers: { 'x-request-id': 'laatste-verzoek' } })).status).toBe(200)
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      const lines = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.some((l) => l.msg === 'request' && l.reqId === 'laatste-verzoek')).toBe(true)
      expect(lines.some((l) => l.msg === 'drained')).toBe(true)
    } finally {
      server.child.kill('SIGKILL')
    }
  }, 120_000)
})
