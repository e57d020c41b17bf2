import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type ServerProcess } from '../support/server-process'

/**
 * The real server's log (src/server.ts with its production logger, JSON lines on stdout): every request
 * line carries a request id, and no line carries an email address, a password, a token or a cookie.
 */
describe('structured logs without personal data or secrets', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opgave-logs-'))
  let server: ServerProcess
  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'info', DATA_DIR: dataDir, RUN_JOBS: 'false' })
  }, 90_000)
  afterAll(async () => {
    server.child.kill('SIGTERM')
    await server.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('logs each request with its request id and masks credentials, emails and invitation tokens', async () => {
    const email = 'geheim.persoon@example.nl'
    const password = 'zeer-geheim-wachtwoord-42'
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    const registered = await post('/auth/register', { email, password, name: 'Geheim Persoon' })
    expect(registered.status).toBe(201)
    const { accessToken } = (await registered.json()) as { accessToken: string }
    const cookie = registered.headers.getSetCookie()[0]!.split(';')[0]!
    expect((await post('/auth/login', { email, password: 'verkeerd-wachtwoord-00' }, { 'x-request-id': 'trace-login-1' })).status).toBe(401)
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}`, cookie, 'x-request-id': 'trace-me-1' } })
    expect(me.status).toBe(200)
    await fetch(`${server.url}/api/v1/invitations/uitnodigingsgeheim-1234567890`)
    await fetch(`${server.url}/api/v1/auth/callback?code=autorisatiecode-xyz&state=staat-abc`)
    await new Promise((r) => setTimeout(r, 300))

    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const requestLines = lines.filter((l) => typeof l.url === 'string' || (l.req as { url?: string } | undefined)?.url)
    expect(requestLines.length).toBeGreaterThanOrEqual(5)
    for (const line of requestLines) expect(line.reqId).toEqual(expect.any(String))
    expect(lines.some((l) => l.reqId === 'trace-me-1')).toBe(true)
    expect(lines.some((l) => l.reqId === 'trace-login-1')).toBe(true)

    const log = server.output()
    const refreshToken = cookie.split('=')[1]!
    for (const secret of [email, password, accessToken, refreshToken, 'uitnodigingsgeheim-1234567890', 'autorisatiecode-xyz', 'verkeerd-wachtwoord-00']) {
      expect(log, `log contains ${secret.slice(0, 12)}…`).not.toContain(secret)
    }
  })
})
