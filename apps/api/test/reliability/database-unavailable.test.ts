import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { createDatabase, type DatabaseHandle } from '../../src/db/client'
import { assertNoInternals, STRONG_PASSWORD } from '../http'
import { freePort } from '../support/server-process'
import { testConfig } from '../test-app'

async function appOn(database: DatabaseHandle) {
  const app = await buildApp({ config: testConfig(), db: database.db, logger: false })
  await app.ready()
  return app
}

function expectRetryLater(res: request.Response, code = 'system.database_down') {
  expect(res.status, JSON.stringify(res.body)).toBe(503)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.headers['retry-after']).toBe('5')
  expect(res.body).toMatchObject({ status: 503, code, title: 'Service unavailable' })
  assertNoInternals(res.body)
}

// A database that is down, restarting or lost its files is a state to retry, not a bug: 503 with
// Retry-After, in the one problem format, for reads and writes alike (never a 500).
describe('database unavailable', () => {
  const closers: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  })

  it('answers 503 with Retry-After when PostgreSQL refuses connections', async () => {
    // freePort released the port it found: nothing listens there.
    const database = await createDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/opgave` })
    const app = await appOn(database)
    closers.push(() => database.close(), () => app.close())
    expectRetryLater(await request(app.server).get('/api/v1/challenges'))
    expectRetryLater(await request(app.server).post('/api/v1/auth/login').send({ email: 'iemand@example.nl', password: STRONG_PASSWORD }))
  })

  it('answers 503 when PGlite’s data directory is deleted under the running server, and 503 once it is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opgave-gone-'))
    const database = await createDatabase({ dataDir: dir })
    await database.migrate()
    const app = await appOn(database)
    closers.push(() => app.close())
    expect((await request(app.server).get('/api/v1/challenges')).status).toBe(200)
    rmSync(dir, { recursive: true, force: true })
    expectRetryLater(await request(app.server).post('/api/v1/auth/login').send({ email: 'iemand@example.nl', password: STRONG_PASSWORD }))
    await database.close().catch(() => undefined)
    expectRetryLater(await request(app.server).get('/api/v1/challenges'))
  })
})
