import { Writable } from 'node:stream'
import Fastify, { LogController } from 'fastify'
import { describe, expect, it } from 'vitest'
import { loggableUrl, requestLogPlugin } from './request-log'

describe('loggableUrl', () => {
  it('hides invitation tokens of organisations and juries', () => {
    expect(loggableUrl('/api/v1/invitations/abc123/accept')).toBe('/api/v1/invitations/***/accept')
    expect(loggableUrl('/api/v1/jury-invitations/xyz?x=1')).toBe('/api/v1/jury-invitations/***?x=1')
  })

  it('hides authorization codes, state and tokens in the query, keeps the rest', () => {
    expect(loggableUrl('/api/v1/sso/callback?code=s3cr3t&state=abc&lang=nl')).toBe('/api/v1/sso/callback?code=***&state=***&lang=nl')
    expect(loggableUrl('/x?token=t&id_token=i')).toBe('/x?token=***&id_token=***')
  })

  it('leaves ordinary URLs alone', () => {
    expect(loggableUrl('/api/v1/challenges?q=groen&sdg=3')).toBe('/api/v1/challenges?q=groen&sdg=3')
  })
})

describe('requestLogPlugin', () => {
  async function logLines(url: string, status: number) {
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    })
    const app = Fastify({ logger: { level: 'info', stream }, logController: new LogController({ disableRequestLogging: true }) })
    await app.register(requestLogPlugin)
    app.get('/jury-invitations/:token', async (_req, reply) => reply.code(status).send({ ok: true }))
    await app.inject({ method: 'GET', url })
    await app.close()
    return lines.filter((l) => l.msg === 'request' || l.msg === 'request failed')
  }

  it('writes exactly one line per request with route, status and time, and no token', async () => {
    const lines = await logLines('/jury-invitations/geheim-token', 200)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 30, method: 'GET', url: '/jury-invitations/***', route: '/jury-invitations/:token', status: 200 })
    expect(typeof lines[0]!.ms).toBe('number')
    expect(JSON.stringify(lines)).not.toContain('geheim-token')
  })

  it('logs server errors at error level', async () => {
    const lines = await logLines('/jury-invitations/t', 503)
    expect(lines[0]).toMatchObject({ level: 50, status: 503, msg: 'request failed' })
  })
})
